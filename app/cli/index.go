package cli

import (
	"errors"
	"fmt"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
)

// runIndex looks after the casebook's saved search index: check compares
// it with one built from the whole casebook, rebuild builds and saves it
// again.
func runIndex(env *Env, args []string) error {
	fs, data := flags(env, "index")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || rest[0] != "check" && rest[0] != "rebuild" {
		return fmt.Errorf("%w: index check | index rebuild", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		if rest[0] == "rebuild" {
			saver, ok := s.(app.IndexSaver)
			if !ok {
				return errors.New("this casebook keeps no saved index")
			}
			if err := saver.DropIndex(); err != nil {
				return err
			}
			indexed := search.NewIndexedStore(s)
			if err := indexed.LoadIndex(indexProgress(env)); err != nil {
				return err
			}
			ix, _ := indexed.Index()
			fmt.Fprintf(env.Stdout, "index: built and saved, %d documents\n", ix.Len())
			return nil
		}
		diffs, how, err := search.CheckIndex(s, 20)
		if err != nil {
			return err
		}
		if len(diffs) > 0 {
			for _, d := range diffs {
				fmt.Fprintln(env.Stdout, d)
			}
			return fmt.Errorf("the search index (%s) and the casebook disagree; `parley index rebuild` builds it again", how)
		}
		fmt.Fprintf(env.Stdout, "index: %s, agrees with the casebook\n", how)
		return nil
	})
}

package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path"
	"sync"
)

// settingCodeRules holds the version of the code rules a casebook's
// suggestions were last made with (CodeRulesVersion).
const settingCodeRules = "coding.rules"

// CodeRulesVersion names the rules this Parley suggests codes with: a hash
// of app/coderules, which changes whenever a rule does.
var CodeRulesVersion = sync.OnceValue(func() string {
	h := sha256.New()
	files, err := codeRuleFiles.ReadDir("coderules")
	if err != nil {
		panic("app: " + err.Error()) // part of the build
	}
	for _, f := range files { // in name order
		raw, err := codeRuleFiles.ReadFile(path.Join("coderules", f.Name()))
		if err != nil {
			panic("app: " + err.Error())
		}
		h.Write([]byte(f.Name() + "\x00"))
		h.Write(raw)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// recodeBatch is how many statements one transaction of RecodeSuggestions
// writes.
const recodeBatch = 500

// RecodeSuggestions suggests the code of every statement that carries a
// suggestion again, with the rules of this Parley, once after the rules
// changed: a code a person confirmed is never touched, nor a statement
// that carries no code. It reports how many statements got another code.
// Cancelled, it stops after the batch it is writing, and the next run
// goes over the rest (the batches written suggest nothing new then).
func RecodeSuggestions(ctx context.Context, s Store) (int, error) {
	version := CodeRulesVersion()
	if done, err := s.Setting(settingCodeRules); err != nil || string(done) == version {
		return 0, err
	}
	// The ids first, then each batch read again and written in one
	// transaction: a code confirmed meanwhile stays as it is.
	var ids []string
	err := s.ForEachStatement(func(st Statement) error {
		if suggested(st.Coding) {
			ids = append(ids, st.ID)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	changed := 0
	for len(ids) > 0 {
		if err := ctx.Err(); err != nil {
			return changed, err
		}
		batch := ids[:min(recodeBatch, len(ids))]
		ids = ids[len(batch):]
		n := 0
		err := s.Update(func(tx Tx) error {
			n = 0
			for _, id := range batch {
				st, err := tx.Statement(id)
				if errors.Is(err, ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				if !suggested(st.Coding) {
					continue
				}
				if c := SuggestCoding(st); c != st.Coding {
					st.Coding = c
					if err := tx.PutStatement(st); err != nil {
						return err
					}
					n++
				}
			}
			return nil
		})
		if err != nil {
			return changed, err
		}
		changed += n
	}
	return changed, s.PutSetting(settingCodeRules, []byte(version))
}

// MarkCodesCurrent records that a casebook's suggestions are those of this
// Parley's rules, so that RecodeSuggestions leaves them: a generated
// casebook's codes are made up, not suggestions to make again.
func MarkCodesCurrent(s Store) error {
	return s.PutSetting(settingCodeRules, []byte(CodeRulesVersion()))
}

// suggested reports a code Parley suggested and no one confirmed.
func suggested(c Coding) bool { return !c.Confirmed && !c.IsZero() }

package app

import "errors"

// LoadCase writes a case into a store in chunks of at most chunk items per
// transaction, for cases too large for one; a chunk the store finds too big
// is split in two and tried again. Each chunk is durable when its
// transaction returns; a failure part-way leaves the earlier chunks written.
func LoadCase(s Store, c Case, chunk int) error {
	return LoadCaseProgress(s, c, chunk, nil)
}

// LoadCaseProgress is LoadCase telling progress how many items are written
// after each transaction.
func LoadCaseProgress(s Store, c Case, chunk int, progress func(done int)) error {
	if chunk <= 0 {
		chunk = 500
	}
	var ops []func(Tx) error
	add := func(f func(Tx) error) { ops = append(ops, f) }
	for _, a := range c.Actors {
		add(func(tx Tx) error { return tx.PutActor(a) })
	}
	for _, p := range c.Places {
		add(func(tx Tx) error { return tx.PutPlace(p) })
	}
	for _, src := range c.Sources {
		add(func(tx Tx) error {
			var text *string
			if t, ok := c.Texts[src.ID]; ok {
				text = &t
			}
			return tx.PutSource(src, text)
		})
	}
	for _, st := range c.Statements {
		add(func(tx Tx) error { return tx.PutStatement(st) })
	}
	for _, n := range c.Notes {
		add(func(tx Tx) error { return tx.PutNote(n) })
	}
	for _, e := range c.Events {
		add(func(tx Tx) error { return tx.PutEvent(e) })
	}
	done := 0
	for len(ops) > 0 {
		n := min(chunk, len(ops))
		err := s.Update(func(tx Tx) error {
			for _, op := range ops[:n] {
				if err := op(tx); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, ErrTooBig) && n > 1 {
			chunk = n / 2
			continue
		}
		if err != nil {
			return err
		}
		ops = ops[n:]
		done += n
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

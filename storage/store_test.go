package storage

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/synth"
)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, dir
}

func TestRoundTripAndReopen(t *testing.T) {
	s, dir := openTemp(t)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 5, Places: 4, Sources: 2, Statements: 50, Notes: 10, Seed: 1})
	text := "Ünïcode text — «quoted» 日本語"
	c.Sources[0].HasText = true
	c.Sources[0].TextHash = app.TextHash(text)
	c.Texts = map[string]string{c.Sources[0].ID: text}
	c.Events = []app.Event{{ID: "e1", Date: "2023-05-01", Title: "Talks"}}
	if err := s.Update(func(tx app.Tx) error { return app.PutCase(tx, c) }); err != nil {
		t.Fatal(err)
	}
	want, err := (&app.Casebook{Store: s}).Dump()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := (&app.Casebook{Store: s2}).Dump()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("casebook differs after reopening")
	}
	if len(got.Statements) != 50 || len(got.Notes) != 10 || got.Texts[c.Sources[0].ID] != text {
		t.Fatalf("round trip lost items: %d statements, %d notes", len(got.Statements), len(got.Notes))
	}
	src, err := s2.SourceByHash(app.TextHash(text))
	if err != nil || src.ID != c.Sources[0].ID {
		t.Fatalf("source by hash: %v %v", src.ID, err)
	}
	if _, err := s2.Statement("missing"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing statement: %v, want ErrNotFound", err)
	}
}

func TestSecondOpenIsRefusedClearly(t *testing.T) {
	_, dir := openTemp(t)
	_, err := Open(dir)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, dir) || strings.Contains(msg, "\n") || strings.Contains(strings.ToLower(msg), "badger") {
		t.Fatalf("lock message should name the folder on one line without Badger's words: %q", msg)
	}
}

func TestSchemaVersions(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		wantErr error
	}{
		{"same", fmt.Sprint(SchemaVersion), nil},
		{"older", "0", nil},
		{"newer", fmt.Sprint(SchemaVersion + 1), ErrNewerSchema},
		{"garbage", "x", ErrForeign},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, dir := openTemp(t)
			if err := s.db.Update(func(txn *badger.Txn) error {
				return txn.Set([]byte(keySchema), []byte(tt.value))
			}); err != nil {
				t.Fatal(err)
			}
			_ = s.Close()
			s2, err := Open(dir)
			if s2 != nil {
				_ = s2.Close()
			}
			if !errors.Is(err, tt.wantErr) && !(tt.wantErr == nil && err == nil) {
				t.Fatalf("open: %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == ErrNewerSchema && !strings.Contains(err.Error(), "newer Parley") {
				t.Fatalf("message %q does not say a newer Parley wrote it", err)
			}
		})
	}
}

// expectedOrder is the statement order the indexes promise, computed plainly.
func expectedOrder(a, b app.Statement) int {
	return cmp.Or(
		-strings.Compare(a.Date, b.Date),
		strings.Compare(a.Source, b.Source),
		a.Start-b.Start,
		strings.Compare(a.ID, b.ID),
	)
}

func ids(sts []app.Statement) []string {
	out := make([]string, len(sts))
	for i, s := range sts {
		out[i] = s.ID
	}
	return out
}

// TestIndexesAgreeWithScan applies random puts, edits and deletes and checks
// after each round that every index query equals a plain scan of all items.
func TestIndexesAgreeWithScan(t *testing.T) {
	s, _ := openTemp(t)
	rng := rand.New(rand.NewPCG(7, 11))
	actors := []string{"a", "b", "c", "d"}
	places := []string{"p", "q", "r"}
	sources := []string{"s1", "s2"}
	pick := func(from []string, n int) []string {
		var out []string
		for range n {
			out = append(out, from[rng.IntN(len(from))])
		}
		return out
	}
	live := map[string]app.Statement{}
	notes := map[string]app.Note{}
	for round := range 30 {
		err := s.Update(func(tx app.Tx) error {
			for range 20 {
				id := fmt.Sprintf("st%02d", rng.IntN(60))
				if rng.IntN(4) == 0 {
					delete(live, id)
					if err := tx.DeleteStatement(id); err != nil {
						return err
					}
					continue
				}
				st := app.Statement{
					ID: id, Speakers: pick(actors, 1+rng.IntN(2)), Recipients: pick(actors, rng.IntN(3)),
					Places: pick(places, rng.IntN(3)), Source: sources[rng.IntN(2)], Start: rng.IntN(100),
					Date: fmt.Sprintf("2023-%02d-%02d", 1+rng.IntN(3), 1+rng.IntN(28)), Kind: app.KindDirect,
				}
				live[id] = st
				if err := tx.PutStatement(st); err != nil {
					return err
				}
				nid := fmt.Sprintf("n%02d", rng.IntN(20))
				if rng.IntN(3) == 0 {
					delete(notes, nid)
					if err := tx.DeleteNote(nid); err != nil {
						return err
					}
				} else {
					at := time.Unix(int64(rng.IntN(1e6)), 0)
					n := app.Note{ID: nid, Target: app.Target{Kind: app.TargetStatement, ID: id}, Created: at, Updated: at}
					notes[nid] = n
					if err := tx.PutNote(n); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var all []app.Statement
		for _, st := range live {
			all = append(all, st)
		}
		slices.SortFunc(all, expectedOrder)
		filter := func(keep func(app.Statement) bool) []string {
			var out []app.Statement
			for _, st := range all {
				if keep(st) {
					out = append(out, st)
				}
			}
			return ids(out)
		}
		check := func(what string, got []string, err error, want []string) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("round %d, %s:\n got %v\nwant %v", round, what, got, want)
			}
		}
		gotIDs, _ := s.StatementIDs()
		if !slices.Equal(gotIDs, ids(all)) {
			t.Fatalf("round %d: all ids %v, want %v", round, gotIDs, ids(all))
		}
		counts, _ := s.SpeakerCounts()
		for _, a := range actors {
			spoken, err := s.StatementsByActor(a)
			check("by actor "+a, ids(spoken), err, filter(func(st app.Statement) bool { return slices.Contains(st.Speakers, a) }))
			if counts[a] != len(spoken) {
				t.Fatalf("round %d: count of %s is %d, want %d", round, a, counts[a], len(spoken))
			}
			for _, st := range spoken {
				if !reflect.DeepEqual(st, live[st.ID]) {
					t.Fatalf("round %d: the speaker index holds a stale copy of %s", round, st.ID)
				}
			}
			got, err := s.StatementIDsByActor(a)
			check("ids by actor "+a, got, err, ids(spoken))
			got, err = s.StatementIDsToActor(a)
			check("to actor "+a, got, err, filter(func(st app.Statement) bool { return slices.Contains(st.Recipients, a) }))
		}
		// An index is keys alone: a scan of an actor's ids reads no
		// statement.
		err = s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("i/")})
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				if it.Item().ValueSize() != 0 {
					return fmt.Errorf("index key %q holds a value", it.Item().Key())
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, p := range places {
			got, err := s.StatementIDsByPlace(p)
			check("by place "+p, got, err, filter(func(st app.Statement) bool { return slices.Contains(st.Places, p) }))
		}
		for _, src := range sources {
			got, err := s.StatementIDsBySource(src)
			check("by source "+src, got, err, filter(func(st app.Statement) bool { return st.Source == src }))
			// SourceReports reads the same ids, until one passes.
			for _, want := range append(got, "none") {
				var read []string
				found, err := s.SourceReports(src, func(id string) bool {
					read = append(read, id)
					return id == want
				})
				if err != nil || found != (want != "none") || found && read[len(read)-1] != want || !slices.Equal(read, got[:len(read)]) {
					t.Fatalf("round %d: source %s reports %s: %v after reading %v of %v (%v)", round, src, want, found, read, got, err)
				}
			}
		}
		for id := range live {
			var want []app.Note
			for _, n := range notes {
				if n.Target.ID == id {
					want = append(want, n)
				}
			}
			slices.SortFunc(want, func(a, b app.Note) int {
				return cmp.Or(b.Created.Compare(a.Created), strings.Compare(a.ID, b.ID))
			})
			got, err := s.NotesFor(app.Target{Kind: app.TargetStatement, ID: id})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(noteIDs(got), noteIDs(want)) {
				t.Fatalf("round %d: notes of %s %v, want %v", round, id, noteIDs(got), noteIDs(want))
			}
		}
	}
}

func noteIDs(ns []app.Note) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	s, _ := openTemp(t)
	boom := errors.New("boom")
	err := s.Update(func(tx app.Tx) error {
		if err := tx.PutActor(app.Actor{ID: "x", Name: "X"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := s.Actor("x"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("actor of a failed update is there: %v", err)
	}
}

func TestSettings(t *testing.T) {
	s, _ := openTemp(t)
	if v, err := s.Setting("missing"); v != nil || err != nil {
		t.Fatalf("missing setting: %q %v", v, err)
	}
	if err := s.PutSetting("k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting("k"); string(v) != "v" {
		t.Fatalf("setting: %q", v)
	}
	// The same value again writes nothing; a new one is written.
	steps := []struct {
		value   string
		written bool
	}{{"v", false}, {"w", true}, {"w", false}, {"", true}, {"", false}}
	for _, st := range steps {
		before := s.db.MaxVersion()
		if err := s.PutSetting("k", []byte(st.value)); err != nil {
			t.Fatal(err)
		}
		if written := s.db.MaxVersion() != before; written != st.written {
			t.Errorf("setting %q: written %v, want %v", st.value, written, st.written)
		}
		if v, _ := s.Setting("k"); string(v) != st.value {
			t.Errorf("setting: %q, want %q", v, st.value)
		}
	}
}

// BenchmarkStatementsByActor queries one actor's statements in a casebook of
// 100,000 statements and 1,000 actors (about 110 statements each).
func BenchmarkStatementsByActor(b *testing.B) {
	s, _ := openTemp(b)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Seed: 3})
	if err := app.LoadCase(s, c, 1000); err != nil {
		b.Fatal(err)
	}
	i := 0
	n := 0
	for b.Loop() {
		sts, err := s.StatementsByActor(c.Actors[i%len(c.Actors)].ID)
		if err != nil {
			b.Fatal(err)
		}
		n += len(sts)
		i++
	}
	b.ReportMetric(float64(n)/float64(i), "statements/query")
}

// BenchmarkStatementsByActorCasebook is BenchmarkStatementsByActor on a
// casebook of the user's choosing, PARLEY_BENCH_DATA (a data folder, such
// as one `parley gen --statements 1000000` filled; skipped without it):
// what a click on an actor reads.
func BenchmarkStatementsByActorCasebook(b *testing.B) {
	dir := os.Getenv("PARLEY_BENCH_DATA")
	if dir == "" {
		b.Skip("PARLEY_BENCH_DATA names no casebook")
	}
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	actors, err := s.Actors()
	if err != nil || len(actors) == 0 {
		b.Fatalf("no actors: %v", err)
	}
	// ids: what a click on an actor reads; statements: each read whole, for
	// the work that needs their text (an import's matching, reports).
	for _, whole := range []bool{false, true} {
		b.Run(map[bool]string{false: "ids", true: "statements"}[whole], func(b *testing.B) {
			i, n := 0, 0
			for b.Loop() {
				a := actors[i%len(actors)].ID
				if whole {
					got, err := s.StatementsByActor(a)
					if err != nil {
						b.Fatal(err)
					}
					n += len(got)
				} else {
					got, err := s.StatementIDsByActor(a)
					if err != nil {
						b.Fatal(err)
					}
					n += len(got)
				}
				i++
			}
			b.ReportMetric(float64(n)/float64(i), "statements/query")
		})
	}
}

// TestOpensAfterACrashLeftEmptyLogs recreates what a SIGKILL between
// creating a log file and writing its header leaves behind.
func TestOpensAfterACrashLeftEmptyLogs(t *testing.T) {
	s, dir := openTemp(t)
	if err := s.Update(func(tx app.Tx) error { return tx.PutActor(app.Actor{ID: "a", Name: "A"}) }); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	for _, name := range []string{"000099.vlog", "000099.mem"} {
		if err := os.WriteFile(filepath.Join(dir, "casebook", name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatalf("open after empty logs: %v", err)
	}
	defer s2.Close()
	if _, err := s2.Actor("a"); err != nil {
		t.Fatal(err)
	}
}

// The order part of index keys is what casebooks already hold: a date
// inverted digit by digit, the source, and the start ten digits wide.
func TestStatementOrderKeepsTheStoredLayout(t *testing.T) {
	for _, tc := range []struct {
		st   app.Statement
		want string
	}{
		{app.Statement{Date: "2023-05-01", Source: "s1", Start: 0}, "7976-94-98\x00s1\x000000000000"},
		{app.Statement{Date: "2023", Source: "src", Start: 1234567890}, "7976\x00src\x001234567890"},
		{app.Statement{Start: 42}, "~\x00\x000000000042"},
		{app.Statement{Source: "a", Start: -5}, "~\x00a\x00-000000005"},
	} {
		if got := statementOrder(tc.st); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.st, got, tc.want)
		}
		if got, want := string(indexKey(idxSpeaker, "x", tc.st)), idxSpeaker+"x"+sep+tc.want+sep+tc.st.ID; got != want {
			t.Errorf("%+v: key %q, want %q", tc.st, got, want)
		}
	}
}

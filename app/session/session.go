package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"codeberg.org/parley/parley/app/fold"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
)

// Scene is what every pane shows for one selection, computed in one go off
// the UI goroutine.
type Scene struct {
	Selection app.Selection
	// ListTitle names the statements list ("All statements", an actor, a place).
	ListTitle string
	// StatementIDs is the statements list, newest first. Rows are read with
	// Session.Row as they scroll into view.
	StatementIDs []string
	// One of these fills the detail pane; all nil means the case overview.
	Statement *app.StatementDetail
	Actor     *app.ActorDetail
	Place     *app.PlaceDetail
	Source    *app.SourceDetail
	// LitActors and LitPlaces are highlighted on the map: the selected actor
	// and the places its statements concern, or the selected place, or the
	// focused statement's speakers and places.
	LitActors map[string]bool
	LitPlaces map[string]bool
	// Filter is the filter the list was narrowed by; Unfiltered counts the
	// list before it.
	Filter     app.Filter
	Unfiltered int
	// Pairs sums the list by speaker → recipient, most statements first:
	// the lines of the map (the busiest maxScenePairs), without each
	// pair's list of statements (selecting the pair lists them).
	Pairs []app.PairStat
	// ActorCounts, under a filter, counts for each actor the statements
	// it spoke that pass the filter, in the whole casebook; nil with no
	// filter (or before the index is built).
	ActorCounts map[string]int
}

// Session is one window's view of a casebook: the one selection every pane
// follows, and caches of the small tables (actors, places) the panes read on
// every frame. It is safe for concurrent use; listeners run on the goroutine
// that changed the selection.
type Session struct {
	Casebook *app.Casebook

	mu       sync.Mutex
	sel      app.Selection
	filter   app.Filter
	onChange []func(app.Selection)

	cacheMu sync.RWMutex
	rows    []app.ActorRow
	actors  map[string]app.Actor
	places  []app.Place
	placeBy map[string]app.Place
	all     []string
	stmts   map[string]app.Statement // rows read so far, dropped when it grows past rowCacheSize
	// scope is the last list computed, reused while only the focused
	// statement changes.
	scope *Scene
	// counts are the actors' statement counts under the filter countsFor.
	counts    map[string]int
	countsFor app.Filter
}

const rowCacheSize = 4096

// NewSession opens a session and reads the caches.
func NewSession(cb *app.Casebook) (*Session, error) {
	s := &Session{Casebook: cb}
	return s, s.Reload()
}

// Invalidate forgets the cached list, so the next scene rereads it; call it
// after a write that changes what a detail pane shows (a note, an edit).
func (s *Session) Invalidate() {
	s.cacheMu.Lock()
	s.scope = nil
	s.cacheMu.Unlock()
}

// Reload rereads the cached tables; call it after a write.
func (s *Session) Reload() error {
	rows, err := s.Casebook.ActorRows()
	if err != nil {
		return err
	}
	places, err := s.Casebook.Store.Places()
	if err != nil {
		return err
	}
	actors := make(map[string]app.Actor, len(rows))
	for _, r := range rows {
		actors[r.Actor.ID] = r.Actor
	}
	placeBy := make(map[string]app.Place, len(places))
	for _, p := range places {
		placeBy[p.ID] = p
	}
	s.cacheMu.Lock()
	// The list of every statement is read when first asked for, off the
	// window's way: at a hundred thousand statements it takes a while.
	s.rows, s.actors, s.places, s.placeBy, s.all = rows, actors, places, placeBy, nil
	s.stmts = map[string]app.Statement{}
	s.scope = nil
	s.counts = nil
	s.cacheMu.Unlock()
	return nil
}

// ActorRows lists the actors with their statement counts, most quoted first.
func (s *Session) ActorRows() []app.ActorRow {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.rows
}

// FilterActors lists the actors whose name, aliases or role contain every
// word of query, ignoring case and diacritics.
func (s *Session) FilterActors(query string) []app.ActorRow {
	words := strings.Fields(fold.String(query))
	rows := s.ActorRows()
	if len(words) == 0 {
		return rows
	}
	var out []app.ActorRow
	for _, r := range rows {
		hay := fold.String(r.Actor.Name + " " + strings.Join(r.Actor.Aliases, " ") + " " + r.Actor.Role)
		if fold.ContainsAll(hay, words) {
			out = append(out, r)
		}
	}
	return out
}

// Actor finds a cached actor.
func (s *Session) Actor(id string) (app.Actor, bool) {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	a, ok := s.actors[id]
	return a, ok
}

// Places lists the cached places in id order.
func (s *Session) Places() []app.Place {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	return s.places
}

// Place finds a cached place.
func (s *Session) Place(id string) (app.Place, bool) {
	s.cacheMu.RLock()
	defer s.cacheMu.RUnlock()
	p, ok := s.placeBy[id]
	return p, ok
}

// Row reads one statement for a list row, from the cache when it can.
func (s *Session) Row(id string) (app.Statement, bool) {
	s.cacheMu.RLock()
	st, ok := s.stmts[id]
	s.cacheMu.RUnlock()
	if ok {
		return st, true
	}
	st, err := s.Casebook.Store.Statement(id)
	if err != nil {
		return app.Statement{}, false
	}
	s.remember(st)
	return st, true
}

// Changed tells the session that statements were rewritten: their cached
// rows and the cached list go.
func (s *Session) Changed(ids ...string) {
	s.cacheMu.Lock()
	for _, id := range ids {
		delete(s.stmts, id)
	}
	s.scope = nil
	s.counts = nil
	s.cacheMu.Unlock()
}

func (s *Session) remember(sts ...app.Statement) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if len(s.stmts)+len(sts) > rowCacheSize {
		s.stmts = make(map[string]app.Statement, rowCacheSize)
	}
	for _, st := range sts {
		s.stmts[st.ID] = st
	}
}

// SpeakerNames joins the names of a statement's speakers.
func (s *Session) SpeakerNames(st app.Statement) string { return st.SpeakerNames(s.Actor) }

// AllStatementIDs lists every statement id, newest first.
func (s *Session) AllStatementIDs() ([]string, error) {
	s.cacheMu.RLock()
	all := s.all
	s.cacheMu.RUnlock()
	if all != nil {
		return all, nil
	}
	all, err := s.Casebook.Store.StatementIDs()
	if err != nil {
		return nil, err
	}
	if all == nil {
		all = []string{}
	}
	s.cacheMu.Lock()
	s.all = all
	s.cacheMu.Unlock()
	return all, nil
}

// Selection is the current selection.
func (s *Session) Selection() app.Selection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sel
}

// OnChange registers a listener for selection changes.
func (s *Session) OnChange(fn func(app.Selection)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onChange = append(s.onChange, fn)
}

// Select replaces the selection and tells the listeners, unless nothing
// changed.
func (s *Session) Select(sel app.Selection) {
	s.mu.Lock()
	if sel == s.sel {
		s.mu.Unlock()
		return
	}
	s.sel = sel
	listeners := slices.Clone(s.onChange)
	s.mu.Unlock()
	for _, fn := range listeners {
		fn(sel)
	}
}

// SelectActor lists an actor's statements and shows the actor.
func (s *Session) SelectActor(id string) { s.Select(app.Selection{Actor: id}) }

// SelectPlace lists a place's statements and shows the place.
func (s *Session) SelectPlace(id string) { s.Select(app.Selection{Place: id}) }

// SelectSource lists a source's statements and shows the source.
func (s *Session) SelectSource(id string) { s.Select(app.Selection{Source: id}) }

// SelectTarget selects whatever a note is attached to. A statement is shown
// in the list of its first speaker.
func (s *Session) SelectTarget(t app.Target) {
	switch t.Kind {
	case app.TargetActor:
		s.SelectActor(t.ID)
	case app.TargetPlace:
		s.SelectPlace(t.ID)
	case app.TargetSource:
		s.SelectSource(t.ID)
	case app.TargetStatement:
		sel := app.Selection{Statement: t.ID}
		if st, err := s.Casebook.Store.Statement(t.ID); err == nil && len(st.Speakers) > 0 {
			sel.Actor = st.Speakers[0]
		}
		s.Select(sel)
	}
}

// SelectStatement focuses a statement and keeps the list as it is.
func (s *Session) SelectStatement(id string) {
	sel := s.Selection()
	sel.Statement = id
	s.Select(sel)
}

// Back clears the focused statement, or when there is none the list scope:
// what Esc does.
func (s *Session) Back() {
	sel := s.Selection()
	switch {
	case sel.Statement != "":
		sel.Statement = ""
	case sel.Recipient != "":
		sel.Recipient = ""
	default:
		sel = app.Selection{}
	}
	s.Select(sel)
}

// Scene computes what the panes show for sel. The list part depends only on
// the actor or place in scope and is reused while just the focused statement
// changes.
func (s *Session) Scene(sel app.Selection) (Scene, error) {
	scopeSel := app.Selection{Actor: sel.Actor, Recipient: sel.Recipient, Place: sel.Place, Source: sel.Source, Role: sel.Role}
	filter := s.Filter()
	s.cacheMu.RLock()
	cached := s.scope
	s.cacheMu.RUnlock()
	var sc Scene
	if cached != nil && cached.Selection == scopeSel && cached.Filter == filter {
		sc = *cached
	} else {
		var err error
		if sc, err = s.scopeScene(scopeSel); err != nil {
			return Scene{Selection: sel}, err
		}
		if err = s.applyFilter(&sc, filter); err != nil {
			return Scene{Selection: sel}, err
		}
		s.cacheMu.Lock()
		keep := sc
		s.scope = &keep
		s.cacheMu.Unlock()
	}
	sc.Selection = sel
	sc.ActorCounts = s.actorCounts(filter)
	if sel.Statement == "" {
		return sc, nil
	}
	d, err := s.Casebook.StatementDetail(sel.Statement)
	if err != nil {
		return sc, err
	}
	sc.Statement = &d
	sc.Actor, sc.Place, sc.Source = nil, nil, nil
	sc.LitActors, sc.LitPlaces = map[string]bool{}, map[string]bool{}
	for _, a := range d.Statement.Speakers {
		sc.LitActors[a] = true
	}
	for _, p := range d.Statement.Places {
		sc.LitPlaces[p] = true
	}
	return sc, nil
}

// scopeScene computes the list, the detail and the highlights of an actor,
// a place, or the whole casebook.
func (s *Session) scopeScene(sel app.Selection) (Scene, error) {
	sc := Scene{Selection: sel, LitActors: map[string]bool{}, LitPlaces: map[string]bool{}}
	switch {
	case sel.Actor != "":
		d, err := s.Casebook.ActorDetail(sel.Actor)
		if err != nil {
			return sc, err
		}
		sc.Actor = &d
		sc.ListTitle = fmt.Sprintf("%s: %s", d.Actor.Name, plural(len(d.Statements), "statement"))
		if sel.Role != app.RoleSaid && sel.Recipient == "" {
			ids, err := s.roleList(d, sel.Role)
			if err != nil {
				return sc, err
			}
			what := map[app.ActorRole]string{app.RoleAddressed: "addressed to %s", app.RoleBoth: "said by or to %s"}[sel.Role]
			sc.ListTitle = fmt.Sprintf("%s: %s", fmt.Sprintf(what, d.Actor.Name), plural(len(ids), "statement"))
			sc.StatementIDs = ids
			sc.LitActors[sel.Actor] = true
			for _, p := range d.Places {
				sc.LitPlaces[p] = true
			}
			break
		}
		if sel.Recipient != "" {
			toIDs, err := s.Casebook.Store.StatementIDsToActor(sel.Recipient)
			if err != nil {
				return sc, err
			}
			addressed := make(map[string]bool, len(toIDs))
			for _, id := range toIDs {
				addressed[id] = true
			}
			d.Statements = slices.DeleteFunc(slices.Clone(d.Statements), func(id string) bool { return !addressed[id] })
			to := sel.Recipient
			if a, ok := s.Actor(to); ok {
				to = a.Name
			}
			sc.ListTitle = fmt.Sprintf("%s → %s: %s", d.Actor.Name, to, plural(len(d.Statements), "statement"))
			sc.LitActors[sel.Recipient] = true
			if d.Places, err = s.Casebook.PlacesOfStatements(d.Statements); err != nil {
				return sc, err
			}
		}
		sc.StatementIDs = d.Statements
		sc.LitActors[sel.Actor] = true
		for _, p := range d.Places {
			sc.LitPlaces[p] = true
		}
	case sel.Place != "":
		d, err := s.Casebook.PlaceDetail(sel.Place)
		if err != nil {
			return sc, err
		}
		sc.Place = &d
		sc.ListTitle = fmt.Sprintf("%s: %s", d.Place.Name, plural(len(d.Statements), "statement"))
		sc.StatementIDs = d.Statements
		sc.LitPlaces[sel.Place] = true
	case sel.Source != "":
		d, err := s.Casebook.SourceDetail(sel.Source)
		if err != nil {
			return sc, err
		}
		sc.Source = &d
		sc.ListTitle = fmt.Sprintf("%s: %s", app.Excerpt(d.Source.Title, 50), plural(len(d.Statements), "statement"))
		sc.StatementIDs = d.Statements
	default:
		all, err := s.AllStatementIDs()
		if err != nil {
			return sc, err
		}
		sc.StatementIDs = all
		sc.ListTitle = "All statements: " + fmt.Sprint(len(sc.StatementIDs))
	}
	return sc, nil
}

// actorCounts counts each actor's statements under a filter, from the
// index, keeping the last answer: the filter changes far less often than
// the selection.
func (s *Session) actorCounts(f app.Filter) map[string]int {
	if f.IsZero() {
		return nil
	}
	s.cacheMu.RLock()
	counts, same := s.counts, s.countsFor == f && s.counts != nil
	s.cacheMu.RUnlock()
	if same {
		return counts
	}
	ixs, ok := s.Casebook.Store.(search.Indexer)
	if !ok || !ixs.Ready() {
		return nil
	}
	ix, err := ixs.Index()
	if err != nil {
		return nil
	}
	counts = ix.SpeakerCounts(f)
	s.cacheMu.Lock()
	s.counts, s.countsFor = counts, f
	s.cacheMu.Unlock()
	return counts
}

// roleList lists the statements addressed to an actor, or those and the
// ones it said, newest first.
func (s *Session) roleList(d app.ActorDetail, role app.ActorRole) ([]string, error) {
	if role == app.RoleAddressed {
		return d.Addressed, nil
	}
	seen := map[string]bool{}
	var sts []app.Statement
	for _, id := range slices.Concat(d.Statements, d.Addressed) {
		if seen[id] {
			continue
		}
		seen[id] = true
		if st, ok := s.Row(id); ok {
			sts = append(sts, st)
		}
	}
	// Newest first, then in the order of their source, as every list.
	slices.SortStableFunc(sts, func(a, b app.Statement) int {
		if a.Date != b.Date {
			return strings.Compare(b.Date, a.Date)
		}
		if a.Source != b.Source {
			return strings.Compare(a.Source, b.Source)
		}
		return a.Start - b.Start
	})
	ids := make([]string, len(sts))
	for i, st := range sts {
		ids[i] = st.ID
	}
	return ids, nil
}

// Filter is the filter the lists, the map and the timeline show.
func (s *Session) Filter() app.Filter {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.filter
}

// SetFilter changes the filter and tells the listeners, with the selection
// unchanged, so that every pane shows the new set.
func (s *Session) SetFilter(f app.Filter) {
	s.mu.Lock()
	if f == s.filter {
		s.mu.Unlock()
		return
	}
	s.filter = f
	sel := s.sel
	listeners := slices.Clone(s.onChange)
	s.mu.Unlock()
	for _, fn := range listeners {
		fn(sel)
	}
}

// applyFilter narrows a scene's list to the statements that pass f, and
// lights up on the map what the narrowed list involves.
func (s *Session) applyFilter(sc *Scene, f app.Filter) error {
	sc.Filter, sc.Unfiltered = f, len(sc.StatementIDs)
	defer s.addPairs(sc)
	if f.IsZero() {
		return nil
	}
	kept := make([]string, 0, len(sc.StatementIDs)/4)
	var actors, places map[string]bool
	if ixs, ok := s.Casebook.Store.(search.Indexer); ok {
		ix, err := ixs.Index()
		if err != nil {
			return err
		}
		pass := ix.StatementFilter(f)
		for _, id := range sc.StatementIDs {
			if pass(id) {
				kept = append(kept, id)
			}
		}
		actors, places = ix.Involved(kept, app.Filter{})
	} else {
		// No index: read the statements.
		actors, places = map[string]bool{}, map[string]bool{}
		for _, id := range sc.StatementIDs {
			st, err := s.Casebook.Store.Statement(id)
			if err != nil || !f.Passes(st) {
				continue
			}
			kept = append(kept, id)
			for _, a := range st.Speakers {
				actors[a] = true
			}
			for _, p := range st.Places {
				places[p] = true
			}
		}
	}
	sc.StatementIDs = kept
	sc.ListTitle += fmt.Sprintf(" · %d shown by the filter", len(kept))
	switch {
	case sc.Selection.Actor != "":
		sc.LitPlaces = places
	case sc.Selection.Place != "":
		sc.LitActors = actors
	default:
		sc.LitActors, sc.LitPlaces = actors, places
	}
	return nil
}

// addPairs sums the scene's list by pair.
func (s *Session) addPairs(sc *Scene) {
	if ixs, ok := s.Casebook.Store.(search.Indexer); ok {
		// Not waiting for an index still being built: the scene is asked
		// for again once it is.
		if !ixs.Ready() {
			return
		}
		if ix, err := ixs.Index(); err == nil {
			if sel := sc.Selection; sc.Actor != nil && sc.Filter.IsZero() && sel.Role == app.RoleSaid && sel.Recipient == "" {
				// The list is all the actor said: the index lists it too.
				sc.Pairs = ix.TopSpeakerPairs(sel.Actor, maxScenePairs)
			} else {
				sc.Pairs = ix.TopPairs(sc.StatementIDs, maxScenePairs)
			}
			return
		}
	}
	var sts []app.Statement
	for _, id := range sc.StatementIDs {
		if st, ok := s.Row(id); ok {
			sts = append(sts, st)
		}
	}
	sc.Pairs = app.SortedPairs(app.PairStats(sts))
	if len(sc.Pairs) > maxScenePairs {
		sc.Pairs = slices.Clone(sc.Pairs[:maxScenePairs]) // not the whole array behind it
	}
	for i := range sc.Pairs {
		sc.Pairs[i].Statements = nil // as the index's tally gives them
	}
}

// maxScenePairs bounds the pairs a scene carries: the busiest, which are
// what a map can show; a generated casebook of a thousand actors has nearly
// a hundred thousand.
const maxScenePairs = 200

// SelectPair lists what one actor said to another.
func (s *Session) SelectPair(from, to string) { s.Select(app.Selection{Actor: from, Recipient: to}) }

// Restore selects a saved selection if everything it names still exists,
// and otherwise as much of it as does.
func (s *Session) Restore(sel app.Selection) {
	if sel.Actor != "" {
		if _, ok := s.Actor(sel.Actor); !ok {
			sel = app.Selection{}
		}
	}
	if sel.Recipient != "" {
		if _, ok := s.Actor(sel.Recipient); !ok || sel.Actor == "" {
			sel.Recipient = ""
		}
	}
	if sel.Place != "" {
		if _, ok := s.Place(sel.Place); !ok {
			sel = app.Selection{}
		}
	}
	if sel.Source != "" {
		if _, err := s.Casebook.Store.Source(sel.Source); err != nil {
			sel = app.Selection{}
		}
	}
	if sel.Statement != "" {
		if _, err := s.Casebook.Store.Statement(sel.Statement); errors.Is(err, app.ErrNotFound) {
			sel.Statement = ""
		}
	}
	s.Select(sel)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

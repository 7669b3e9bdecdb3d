package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/extract"
	"codeberg.org/parley/parley/app/ingest"

	"codeberg.org/parley/parley/app/fold"
)

// Meta overrides what the article says about itself.
type Meta struct {
	Title, Outlet, Date, URL string
	Byline                   []string
}

// Proposal is what an import would add, for review.
type Proposal struct {
	Doc    ingest.Document
	Source app.Source
	// Existing is the source already holding this text, if any. When it has
	// its text already the import is a duplicate; when it has none (the seed
	// article) the import attaches the text to it.
	Existing *app.Source
	// Like is a source the article looks like a copy of: the same text
	// apart from its spacing, or the same address. Such an article is a
	// duplicate, not filed, unless Force is set.
	Like    *app.Source
	LikeWhy string
	Force   bool
	Quotes  []Quote
	// NewActors are the speakers the casebook does not know, proposed as
	// new actors; quotes refer to them by id.
	NewActors []app.Actor
	// Known is the casebook's actors, for choosing a speaker in review.
	Known []app.Actor
	// Warnings say what the import left out or could not find, for the
	// review (and the command line's standard error).
	Warnings []string
}

// Quote is one quotation of the article and what to do with it.
type Quote struct {
	extract.Quote
	Keep      bool   // file it as a statement
	SpeakerID string // an existing or proposed actor; "" when nobody was found
	// SpeakerAsWritten is the description the text gives of a speaker it
	// does not name ("a spokesman for the ministry"), filed under the
	// unnamed sources.
	SpeakerAsWritten string
	Places           []string
	// Recipients are the actors the statement names as whom it is aimed
	// at or addressed to (see recipientNames.in).
	Recipients []string
	// Exists is the statement already filed at these offsets (importing the
	// seed article again).
	Exists string
	// Joins is the statement filed before that this quote reports again
	// (the same words from the same speaker in another source), with how
	// many sources report it already; kept, the quote becomes a report of
	// it rather than a statement of its own.
	Joins        *app.Match
	JoinsReports int
	// Apart files the quote as a statement of its own although it matches
	// one (a wrong match, seen in review).
	Apart bool
}

// Duplicate reports whether the text was imported before.
func (p *Proposal) Duplicate() bool {
	return p.Existing != nil && p.Existing.HasText || p.Like != nil && !p.Force
}

// DuplicateOf names the source an article duplicates and why, for messages.
func (p *Proposal) DuplicateOf() (app.Source, string) {
	if p.Existing != nil && p.Existing.HasText {
		return *p.Existing, "the same text"
	}
	if p.Like != nil {
		return *p.Like, p.LikeWhy
	}
	return app.Source{}, ""
}

// Propose reads an article against a casebook and proposes its statements.
func Propose(r app.Reader, doc ingest.Document, meta Meta) (*Proposal, error) {
	hash := app.TextHash(doc.Text)
	p := &Proposal{Doc: doc}
	existing, err := r.SourceByHash(hash)
	switch {
	case err == nil:
		p.Existing = &existing
	case !errors.Is(err, app.ErrNotFound):
		return nil, err
	}
	date, precision, err := app.ParseSourceDate(firstNonEmpty(meta.Date, doc.Published))
	if err != nil {
		return nil, err
	}
	if meta.Date == "" && doc.DateFrom == ingest.DateFromName && precision == app.PrecisionDay {
		precision = app.PrecisionInferred
	}
	byline := meta.Byline
	if len(byline) == 0 {
		byline = doc.Byline
	}
	url := firstNonEmpty(meta.URL, doc.URL)
	if err := app.CheckURL(url); err != nil {
		if meta.URL != "" {
			return nil, err
		}
		p.Warnings = append(p.Warnings, fmt.Sprintf("the page gives its address as %q, which is not an http or https URL: it is left out", url))
		url = ""
	}
	if date == "" {
		p.Warnings = append(p.Warnings, "no date was found in it: the source is filed as \"date unknown\"; give one with --date, in the review, or later with parley sources set")
	}
	p.Source = app.Source{
		ID:            "src-" + hash[:12],
		Title:         firstNonEmpty(meta.Title, doc.Title, doc.Name),
		Outlet:        firstNonEmpty(meta.Outlet, doc.Outlet),
		Byline:        byline,
		URL:           url,
		Published:     date,
		DatePrecision: precision,
		Language:      doc.Language,
		TextHash:      hash,
		TextLength:    app.RuneLen(doc.Text),
		HasText:       true,
		ImportedAt:    time.Now().UTC().Truncate(time.Second),
	}
	if p.Existing != nil {
		p.Source.ID = p.Existing.ID
	} else if like, why, err := lookalike(r, doc.Text, url); err != nil {
		return nil, err
	} else if like != nil {
		p.Like, p.LikeWhy = like, why
	}
	actors, err := r.Actors()
	if err != nil {
		return nil, err
	}
	places, err := r.Places()
	if err != nil {
		return nil, err
	}
	p.Known = actors
	m := newMatcher(actors)
	var existingStatements map[[2]int]string
	if p.Existing != nil {
		existingStatements = map[[2]int]string{}
		ids, err := r.StatementIDsBySource(p.Existing.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if st, err := r.Statement(id); err == nil {
				existingStatements[[2]int{st.Start, st.End}] = id
			}
		}
	}
	placeNames := newPlaceNames(places)
	targets := newRecipientNames(m.actors)
	proposed := map[string]string{}        // folded new name -> id
	spoken := map[string]*app.QuoteIndex{} // a speaker's statements, read once
	taken := map[string]bool{}             // statements a quote of this article joins
	// The quotes come in the order of the text: one cursor walks it once
	// for all of them.
	cur := app.NewCursor(doc.Text)
	for _, q := range extract.ExtractIn(doc.Text, doc.Language) {
		pq := Quote{Quote: q, Keep: q.IsStatement()}
		if id, ok := existingStatements[[2]int{q.Start, q.End}]; ok {
			pq.Exists, pq.Keep = id, false
		}
		if q.Speaker != "" && q.IsStatement() && notASpeaker(q.Speaker, p.Source.Outlet, placeNames) {
			q.Speaker, pq.Speaker = "", "" // an outlet or a place reports or hosts; it does not speak
		}
		// A description or a document stays the speaker as written, for
		// the review; it is not proposed as an actor.
		name, named := cleanSpeaker(q.Speaker)
		if q.Speaker != "" && q.IsStatement() {
			// "The Azerbaijani foreign ministry" is the ministry the
			// casebook has, though no name of it.
			if id, ok := m.byName[nameKey(q.Speaker)]; ok {
				pq.SpeakerID = id
			} else if !named && !describedSpeaker(q.Speaker) {
				// a piece of a sentence: no speaker until review gives one
			} else if !named {
				// A description or a document is no actor: the statement
				// is filed under the unnamed sources with its words.
				pq.SpeakerID, pq.SpeakerAsWritten = app.UnnamedSourcesID, strings.TrimSpace(q.Speaker)
				if !m.taken[app.UnnamedSourcesID] {
					p.NewActors = append(p.NewActors, app.UnnamedSources())
					m.taken[app.UnnamedSourcesID] = true
				}
			} else if id, ok := m.match(name); ok {
				pq.SpeakerID = id
			} else if id, ok := proposed[fold.String(name)]; ok {
				pq.SpeakerID = id
			} else if id, ok := proposedPerson(p.NewActors, name); ok {
				pq.SpeakerID = id // "Mr. King" after "Charlie King"
			} else if id, ok := proposedBody(p.NewActors, name); ok {
				pq.SpeakerID = id // "the Security Council" after "United Nations Security Council"
			} else {
				a := newActor(name, m.taken)
				a.Affiliation, a.Seat = m.homeOf(name, doc.Text)
				p.NewActors = append(p.NewActors, a)
				proposed[fold.String(name)] = a.ID
				m.taken[a.ID] = true
				pq.SpeakerID = a.ID
			}
		}
		if pq.SpeakerID == "" {
			pq.Keep = false // a statement needs a speaker; review can give one
		} else if pq.Exists == "" && q.IsStatement() {
			ix, ok := spoken[pq.SpeakerID]
			if !ok {
				sts, _ := r.StatementsByActor(pq.SpeakerID) // none for a new actor
				ix = app.NewQuoteIndex(sts)
				spoken[pq.SpeakerID] = ix
			}
			if m, ok := ix.Match(pq.SpeakerID, p.Source.ID, q.Text, p.Source.Published, taken); ok {
				pq.Joins = &m
				taken[m.Statement] = true
				pq.JoinsReports = ix.Reports(m.Statement)
			}
		}
		// The quote and the words around it, read once for its places and
		// whom it is aimed at.
		lo := max(0, q.Start-aroundQuote)
		around, ok := cur.Slice(lo, min(q.End+aroundQuote, p.Source.TextLength))
		if !ok {
			return nil, fmt.Errorf("quote at %d-%d lies outside the text", q.Start, q.End)
		}
		pq.Places = placesIn(placeNames, around)
		if pq.SpeakerID != "" && q.IsStatement() {
			targets.sync(p.NewActors)
			pq.Recipients = targets.in(pq.SpeakerID, around, q.Start-lo, q)
		}
		p.Quotes = append(p.Quotes, pq)
	}
	return p, nil
}

// lookalike finds a stored source an article copies: the same text but for
// its spacing, or the same address.
func lookalike(r app.Reader, text, url string) (*app.Source, string, error) {
	src, err := r.SourceByLooseHash(app.LooseTextHash(text))
	if err == nil && src.HasText {
		return &src, "the same text apart from its spacing", nil
	}
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		return nil, "", err
	}
	if url == "" {
		return nil, "", nil
	}
	src, err = r.SourceByURL(url)
	if err == nil {
		return &src, "the same address", nil
	}
	if !errors.Is(err, app.ErrNotFound) {
		return nil, "", err
	}
	return nil, "", nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

var errDuplicate = errors.New("already imported")

// Result is what an import filed.
type Result struct {
	SourceID   string   `json:"source"`
	Statements int      `json:"statements"`
	NewActors  []string `json:"new_actors"`
	Skipped    int      `json:"skipped"`
	Duplicate  bool     `json:"duplicate,omitempty"`
	// DuplicateOf is the source a duplicate copies, and Why says how.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Why         string `json:"why,omitempty"`
	// Joined counts the quotes filed as further reports of statements
	// other sources reported before.
	Joined   int  `json:"joined"`
	Attached bool `json:"attached_text,omitempty"`
}

// Commit files an accepted proposal: the source with its text, the new
// actors the kept quotes need, and the statements, all in one transaction
// when they fit in one (see CommitProgress).
func Commit(s app.Store, p *Proposal) (Result, error) { return CommitProgress(s, p, nil) }

// CommitProgress is Commit telling progress how many statements are filed.
// An article too large for one transaction is filed in parts, each its own
// transaction, under a journal that RecoverInterrupted reads: an article is
// in the casebook whole or, after a crash, not at all.
func CommitProgress(s app.Store, p *Proposal, progress func(done, total int)) (Result, error) {
	res := Result{SourceID: p.Source.ID, NewActors: []string{}}
	if p.Duplicate() {
		res.Duplicate = true
		dup, why := p.DuplicateOf()
		res.DuplicateOf, res.Why = dup.ID, why
		return res, nil
	}
	f, err := p.filing()
	if err != nil {
		return res, err
	}
	res.Skipped = f.skipped
	res.Statements = len(f.statements)
	res.Attached = f.attach
	if err := s.CheckRoom(f.size()); err != nil {
		return res, err
	}
	err = s.Update(func(tx app.Tx) error {
		added, err := f.begin(tx)
		if err != nil {
			return err
		}
		res.NewActors = added
		if f.joined, err = f.put(tx, f.statements); err != nil {
			return err
		}
		return f.finish(tx)
	})
	if errors.Is(err, app.ErrTooBig) {
		f.joined = 0 // that transaction was dropped
		res.NewActors, err = f.inParts(s, progress)
	} else if err == nil && progress != nil {
		progress(len(f.statements), len(f.statements))
	}
	res.Joined = f.joined
	res.Statements -= f.joined
	if errors.Is(err, errDuplicate) {
		return Result{SourceID: p.Source.ID, NewActors: []string{}, Duplicate: true}, nil
	}
	return res, err
}

// size is about what filing takes on disk: the text, and each statement
// written to the log and again to a table, with its index keys.
func (f *filing) size() int64 {
	n := int64(len(f.text))
	for _, st := range f.statements {
		n += 2 * int64(len(st.Quote)+600)
	}
	return n
}

// filing is an accepted proposal turned into what is written.
type filing struct {
	src        app.Source
	text       string
	statements []app.Statement
	actors     []app.Actor     // new actors the kept quotes need
	used       map[string]bool // every speaker of a kept quote
	skipped    int
	attach     bool
	force      bool // file it even when it looks like a copy
	joined     int
	prefix     string // of every statement id
	// joins maps a statement of the article to the statement filed before
	// that it reports again.
	joins map[string]string
}

// filing makes the statements of the kept quotes and checks each against
// the text: a quote must be the text at its offsets.
func (p *Proposal) filing() (*filing, error) {
	f := &filing{src: p.Source, text: p.Doc.Text, used: map[string]bool{}, prefix: "st-" + p.Source.TextHash[:8] + "-",
		joins: map[string]string{}, force: p.Force}
	if p.Existing != nil {
		// Keep the seed's metadata; add the text.
		f.src = *p.Existing
		f.src.HasText, f.src.TextHash, f.src.TextLength = true, p.Source.TextHash, p.Source.TextLength
		f.attach = true
	}
	cur := app.NewCursor(f.text)
	n := 0
	for _, q := range p.Quotes {
		if !q.Keep || q.SpeakerID == "" {
			if q.Exists == "" {
				f.skipped++
			}
			continue
		}
		n++
		kind := app.KindDirect
		if q.Kind == extract.Fragment {
			kind = app.KindFragment
		}
		st := app.Statement{
			ID:       fmt.Sprintf("%s%03d", f.prefix, n),
			Speakers: []string{q.SpeakerID}, Quote: q.Text, Kind: kind, Cue: q.Cue,
			Source: f.src.ID, Start: q.Start, End: q.End, Date: f.src.Published,
			Places: q.Places, Recipients: q.Recipients, Tags: []string{},
		}
		if q.SpeakerID == app.UnnamedSourcesID {
			st.SpeakerAsWritten = q.SpeakerAsWritten
		}
		if got, ok := cur.Slice(st.Start, st.End); !ok || got != st.Quote {
			return nil, fmt.Errorf("statement %s does not match its source text", st.ID)
		}
		st.Coding = app.SuggestCoding(st)
		if q.Joins != nil && !q.Apart {
			f.joins[st.ID] = q.Joins.Statement
		}
		f.statements = append(f.statements, st)
		f.used[q.SpeakerID] = true
		for _, r := range q.Recipients {
			f.used[r] = true
		}
	}
	for _, a := range p.NewActors {
		if f.used[a.ID] {
			f.actors = append(f.actors, a)
		}
	}
	return f, nil
}

// begin checks that the text is not filed already and that every speaker
// exists or comes with the import, and adds the new actors; it returns
// their ids.
func (f *filing) begin(tx app.Tx) ([]string, error) {
	// The same text may have been filed since the proposal was made (two
	// copies in one batch).
	if now, err := tx.SourceByHash(f.src.TextHash); err == nil && now.HasText {
		return nil, errDuplicate
	}
	if !f.force && !f.attach {
		if like, _, err := lookalike(tx, f.text, f.src.URL); err != nil {
			return nil, err
		} else if like != nil {
			return nil, errDuplicate
		}
	}
	for id := range f.used {
		if slices.ContainsFunc(f.actors, func(a app.Actor) bool { return a.ID == id }) {
			continue
		}
		if _, err := tx.Actor(id); err != nil {
			return nil, fmt.Errorf("speaker %q: %w", id, err)
		}
	}
	added := []string{}
	for _, a := range f.actors {
		if _, err := tx.Actor(a.ID); err == nil {
			// Proposed by another article of the same batch and filed
			// with it: the same speaker.
			continue
		}
		if err := tx.PutActor(a); err != nil {
			return nil, err
		}
		added = append(added, a.ID)
	}
	return added, nil
}

// put files statements; one that reports again a statement filed before
// becomes its report, unless that statement has gone or changed speaker
// since the proposal, when it is filed as a statement of its own.
func (f *filing) put(tx app.Tx, sts []app.Statement) (joined int, err error) {
	for _, st := range sts {
		if target, ok := f.joins[st.ID]; ok {
			done, err := joinReport(tx, target, st)
			if err != nil {
				return 0, err
			}
			if done {
				joined++
				continue
			}
		}
		if err := tx.PutStatement(st); err != nil {
			return 0, err
		}
	}
	return joined, nil
}

// joinReport adds st's words as a report of the statement target.
func joinReport(tx app.Tx, target string, st app.Statement) (bool, error) {
	old, err := tx.Statement(target)
	if errors.Is(err, app.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !slices.Equal(old.Speakers, st.Speakers) {
		return false, nil
	}
	if _, dup := old.ReportIn(st.Source); dup {
		return false, nil
	}
	old.AddReport(st.FirstReport())
	return true, tx.PutStatement(old)
}

// finish writes the source with its text, which makes the article whole.
func (f *filing) finish(tx app.Tx) error { return tx.PutSource(f.src, &f.text) }

// partSize is how many statements one part of a large import starts with;
// a part the store finds too large is halved.
const partSize = 1000

// inParts files the article in several transactions: the new actors with
// the journal and the first statements, then the other statements, then
// the source with its text, deleting the journal.
func (f *filing) inParts(s app.Store, progress func(done, total int)) ([]string, error) {
	key := app.ImportJournalKey(f.src.ID)
	var added []string
	done, size := 0, partSize
	for first := true; first || done < len(f.statements); {
		part := f.statements[done:min(done+size, len(f.statements))]
		joinedHere := 0
		err := s.Update(func(tx app.Tx) error {
			if first {
				var err error
				if added, err = f.begin(tx); err != nil {
					return err
				}
				j, err := json.Marshal(app.ImportJournal{Source: f.src.ID, StatementPrefix: f.prefix, Actors: added, Attach: f.attach})
				if err != nil {
					return err
				}
				if err := tx.PutJournal(key, j); err != nil {
					return err
				}
			}
			n, err := f.put(tx, part)
			joinedHere = n
			return err
		})
		if errors.Is(err, app.ErrTooBig) && len(part) > 1 {
			size = len(part) / 2
			continue
		}
		if err != nil {
			return nil, f.undo(s, err)
		}
		first = false
		f.joined += joinedHere
		done += len(part)
		if progress != nil {
			progress(done, len(f.statements))
		}
	}
	err := s.Update(func(tx app.Tx) error {
		if err := f.finish(tx); err != nil {
			return err
		}
		return tx.DeleteJournal(key)
	})
	if err != nil {
		return nil, f.undo(s, err)
	}
	return added, nil
}

// undo takes out the parts filed so far after err stopped an import; what
// it cannot take out now, the next start does.
func (f *filing) undo(s app.Store, err error) error {
	if uerr := app.UndoImport(s, f.src.ID); uerr != nil {
		return fmt.Errorf("%w (what was filed of it is taken out at the next start: %v)", err, uerr)
	}
	return err
}

// matcher finds the actor a speaker's name names.
type matcher struct {
	byName map[string]string   // folded name or alias -> id
	byLast map[string][]string // folded last word of a person's name -> ids
	byStem map[string][]string // a person's last name by nameStems -> ids
	actors []app.Actor
	taken  map[string]bool
}

func newMatcher(actors []app.Actor) *matcher {
	m := &matcher{byName: map[string]string{}, byLast: map[string][]string{}, byStem: map[string][]string{}, actors: actors, taken: map[string]bool{}}
	for _, a := range actors {
		m.taken[a.ID] = true
		if a.Kind == app.ActorUnnamed {
			continue // a group of descriptions, named by none of them
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			m.byName[nameKey(n)] = a.ID
		}
		if a.Kind == app.ActorPerson {
			if last := lastName(strings.Fields(nameKey(a.Name))); last != "" {
				m.byLast[last] = append(m.byLast[last], a.ID)
			}
			stems := map[string]bool{}
			for _, n := range append([]string{a.Name}, a.Aliases...) {
				if f := strings.Fields(n); len(f) > 0 {
					for _, st := range nameStems(f[len(f)-1]) {
						stems[st] = true
					}
				}
			}
			for st := range stems {
				m.byStem[st] = append(m.byStem[st], a.ID)
			}
		}
	}
	return m
}

// nameKey compares names without case, diacritics, articles or asides.
func nameKey(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	f := strings.Fields(fold.String(s))
	for len(f) > 1 && (f[0] == "the" || f[0] == "a" || f[0] == "an") {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

func (m *matcher) match(name string) (string, bool) {
	f := nameKey(name)
	if id, ok := m.byName[f]; ok {
		return id, true
	}
	words := strings.Fields(f)
	if len(words) > 0 {
		if ids := m.byLast[words[len(words)-1]]; len(ids) == 1 {
			return ids[0], true
		}
	}
	// A person's last name in another script or spelling, or declined:
	// "Пашиняна" is Nikol Pashinyan when he is the only Pashinyan.
	if len(words) > 0 {
		orig := strings.Fields(name)
		for _, st := range nameStems(orig[len(orig)-1]) {
			if ids := m.byStem[st]; len(ids) == 1 {
				return ids[0], true
			}
		}
	}
	// A body named a little differently: one name holds the other.
	if len(f) >= 8 {
		for n, id := range m.byName {
			if len(n) >= 8 && (strings.Contains(n, f) || strings.Contains(f, n)) {
				return id, true
			}
		}
	}
	return "", false
}

// demonyms name the states of the region (and the powers around it) the
// way news names their officials: "the Azerbaijani foreign ministry",
// "Russian Foreign Minister Sergei Lavrov".
var demonyms = map[string]string{
	"armenian": "ARM", "armenia's": "ARM", "yerevan": "ARM",
	"azerbaijani": "AZE", "azeri": "AZE", "azerbaijan's": "AZE", "baku": "AZE",
	"russian": "RUS", "russia's": "RUS", "kremlin": "RUS", "moscow": "RUS",
	"american": "USA", "u.s.": "USA", "washington": "USA",
	"turkish": "TUR", "turkey's": "TUR", "ankara": "TUR",
	"iranian": "IRN", "iran's": "IRN", "tehran": "IRN",
	"georgian": "GEO", "georgia's": "GEO", "tbilisi": "GEO",
}

// homeOf guesses a new speaker's country from the words that name it, come
// just before its first mention or stand in apposition after it, and seats it where the casebook seats
// that country's state or government. It returns nothing when unsure.
func (m *matcher) homeOf(name, text string) (affiliation, seat string) {
	words := strings.Fields(strings.ToLower(name))
	if i := strings.Index(text, name); i >= 0 {
		before := strings.Fields(strings.ToLower(text[max(0, i-60):i]))
		words = append(words, before[max(0, len(before)-4):]...)
		// An apposition after the name: "Ilham Aliyev, the Azerbaijani
		// president".
		if after := text[i+len(name):]; strings.HasPrefix(after, ", ") {
			f := strings.Fields(strings.ToLower(after[:min(len(after), 60)]))
			words = append(words, f[:min(len(f), 4)]...)
		}
	}
	for _, w := range words {
		if code, ok := demonyms[strings.Trim(w, ",.;:()\"“”")]; ok {
			affiliation = code
			break
		}
	}
	if affiliation == "" {
		return "", ""
	}
	rank := func(k app.ActorKind) int {
		switch k {
		case app.ActorState:
			return 0
		case app.ActorGovernment:
			return 1
		}
		return 2
	}
	best := 3
	for _, a := range m.actors {
		if a.Affiliation == affiliation && a.Seat != "" && rank(a.Kind) < best {
			best, seat = rank(a.Kind), a.Seat
		}
	}
	return affiliation, seat
}

// newActor proposes an actor for a name the casebook does not know.
func newActor(name string, taken map[string]bool) app.Actor {
	kind := app.ActorOrganization
	if looksLikePerson(name) {
		kind = app.ActorPerson
	}
	base := slug(name)
	id := base
	for i := 2; taken[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return app.Actor{ID: id, Name: name, Aliases: []string{}, Kind: kind}
}

// looksLikePerson: two to four capitalised words, no institution words.
func looksLikePerson(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		switch strings.ToLower(strings.Trim(w, ".,")) {
		case "ministry", "government", "department", "office", "committee", "council", "party", "news", "agency", "statement":
			return false
		}
	}
	return true
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		out = "actor"
	}
	if len(out) > 60 {
		out = out[:60]
	}
	return out
}

// placeNames are the casebook's places by their folded names and aliases,
// folded once for every quote of an article.
type placeNames []struct {
	id    string
	names []string
}

func newPlaceNames(places []app.Place) placeNames {
	out := make(placeNames, 0, len(places))
	for _, p := range places {
		var names []string
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			if len(n) >= 4 { // shorter ones match words that are not the place
				names = append(names, fold.String(n))
			}
		}
		out = append(out, struct {
			id    string
			names []string
		}{p.ID, names})
	}
	return out
}

// aroundQuote is how far before and after a quotation its places and
// whom it is aimed at are looked for.
const aroundQuote = 200

// placesIn lists the places whose name or alias appears in around: a
// quotation and the words around it.
func placesIn(places placeNames, around string) []string {
	hay := " " + fold.String(around) + " "
	out := []string{}
	for _, p := range places {
		for _, n := range p.names {
			if namedIn(hay, n) {
				out = append(out, p.id)
				break
			}
		}
	}
	return out
}

// recipientNames are the actors a statement may be aimed at, with their
// names cut into folded words once and found by their first word: those
// of the casebook, then those the article proposes as it goes.
type recipientNames struct {
	actors   []app.Actor
	byID     map[string]int // index in actors
	byFirst  map[string][]actorName
	casebook int // how many of actors the casebook has
}

func newRecipientNames(casebook []app.Actor) *recipientNames {
	rn := &recipientNames{byID: map[string]int{}, byFirst: map[string][]actorName{}}
	for _, a := range casebook {
		rn.add(a)
	}
	rn.casebook = len(casebook)
	return rn
}

// actorName is one name of actors[actor], in words.
type actorName struct {
	actor int
	words []string
}

// add takes an actor's name and the aliases written as names
// (capitalised): "the statement" and "peacekeepers" describe, they do
// not name.
func (rn *recipientNames) add(a app.Actor) {
	rn.byID[a.ID] = len(rn.actors)
	names := append([]string{a.Name}, a.Aliases...)
	if a.Kind == app.ActorUnnamed {
		names = nil // no one is addressed as the unnamed sources
	}
	for _, n := range names {
		if r := []rune(n); len(r) < 3 || !unicode.IsUpper(r[0]) {
			continue
		}
		if ws := wordsOf(fold.String(n)); len(ws) > 0 {
			rn.byFirst[ws[0]] = append(rn.byFirst[ws[0]], actorName{len(rn.actors), ws})
		}
	}
	rn.actors = append(rn.actors, a)
}

// sync adds the actors the article proposed since it was last called:
// proposed only grows at its end.
func (rn *recipientNames) sync(proposed []app.Actor) {
	for _, a := range proposed[len(rn.actors)-rn.casebook:] {
		rn.add(a)
	}
}

// wordsOf cuts folded text into words at anything not a letter or digit.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// in finds the actors a statement is aimed at: those named in the quote
// or in the rest of its sentence ("Blinken urged Armenia and Azerbaijan to
// …", "„…“, warf er der Regierung vor"), but the speaker, the body it
// speaks for and the members it speaks with.
func (rn *recipientNames) in(speaker, around string, at int, q extract.Quote) []string {
	// around holds the quote from its at-th code point.
	split := len(around)
	for i := range around {
		if at == 0 {
			split = i
			break
		}
		at--
	}
	before, after := around[:split], around[split:]
	// The sentence: from the last sentence end before the quote to the
	// first after it.
	if i := strings.LastIndexAny(before, ".!?\n"); i >= 0 {
		before = before[i+1:]
	}
	quoted := min(len(after), len(q.Text))
	if i := strings.IndexAny(after[quoted:], ".!?\n"); i >= 0 {
		after = after[:quoted+i]
	}
	own := map[string]bool{speaker: true}
	if i, ok := rn.byID[speaker]; ok {
		own[rn.actors[i].Parent] = true
		for _, mem := range rn.actors[i].Members {
			own[mem] = true
		}
	}
	var out []string
	words := wordsOf(fold.String(before + after))
	for i, w := range words {
		for _, n := range rn.byFirst[w] {
			id := rn.actors[n.actor].ID
			if own[id] || slices.Contains(out, id) || i+len(n.words) > len(words) || !slices.Equal(words[i:i+len(n.words)], n.words) {
				continue
			}
			out = append(out, id)
		}
	}
	return out
}

// namedIn reports whether hay holds name as a word of its own: after a
// space, and before a space, a comma, a full stop or an apostrophe.
func namedIn(hay, name string) bool {
	for i := 0; ; {
		j := strings.Index(hay[i:], name)
		if j < 0 {
			return false
		}
		at := i + j
		end := at + len(name)
		if at > 0 && hay[at-1] == ' ' && end < len(hay) {
			switch rest := hay[end:]; {
			case rest[0] == ' ', rest[0] == ',', rest[0] == '.', strings.HasPrefix(rest, "’"):
				return true
			}
		}
		i = at + 1
	}
}

// Speaker finds the actor a typed name or id names among actors, as the
// import matches speakers; when none does, it proposes a new actor for the
// name, to be created with the statement.
func Speaker(actors []app.Actor, name string) (id string, created *app.Actor) {
	name = strings.Join(strings.Fields(name), " ")
	for _, a := range actors {
		if a.ID == name {
			return a.ID, nil
		}
	}
	m := newMatcher(actors)
	if id, ok := m.match(name); ok {
		return id, nil
	}
	a := newActor(name, m.taken)
	return a.ID, &a
}

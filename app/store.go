package app

import "errors"

// ErrNotFound is returned (wrapped) when an item does not exist.
var ErrNotFound = errors.New("not found")

// ErrReadOnly is returned (wrapped, with the reason) by a write to a store
// that was opened read-only: a read-only folder, or a disk too full to write.
var ErrReadOnly = errors.New("the casebook is open read-only")

// ErrTooBig is returned (wrapped) when one transaction holds more than the
// store can write at once; the caller may split the work.
var ErrTooBig = errors.New("change too large for one transaction")

// Reader is what the use cases read from a casebook store. List methods
// return items in a stable order; statement lists are newest first, and
// statements of the same day keep their order in the source.
type Reader interface {
	Actor(id string) (Actor, error)
	Actors() ([]Actor, error)
	Place(id string) (Place, error)
	Places() ([]Place, error)
	Source(id string) (Source, error)
	Sources() ([]Source, error)
	// SourceText is the stored text of a source, or ErrNotFound when the
	// source carries only its metadata.
	SourceText(id string) (string, error)
	// SourceByHash finds the source whose text has this hash.
	SourceByHash(hash string) (Source, error)
	// SourceByLooseHash finds the source whose text, its white space
	// collapsed, has this hash (see LooseTextHash).
	SourceByLooseHash(hash string) (Source, error)
	// SourceByURL finds the source published at this address.
	SourceByURL(url string) (Source, error)
	Statement(id string) (Statement, error)
	// StatementsByActor lists the statements an actor spoke, newest first:
	// a read of each, for work that needs their text.
	StatementsByActor(actorID string) ([]Statement, error)
	// StatementIDsByActor lists the ids of the statements an actor spoke,
	// newest first: what a click on the actor reads.
	StatementIDsByActor(actorID string) ([]string, error)
	// StatementIDsToActor lists the ids of statements addressed to an actor.
	StatementIDsToActor(actorID string) ([]string, error)
	// StatementIDsByPlace lists the ids of statements concerning a place.
	StatementIDsByPlace(placeID string) ([]string, error)
	// StatementIDsBySource lists the ids of statements from a source.
	StatementIDsBySource(sourceID string) ([]string, error)
	// SourceReports reports whether a statement from a source passes test,
	// reading the source's statement ids only until one does.
	SourceReports(sourceID string, test func(statementID string) bool) (bool, error)
	// StatementIDs lists every statement id, newest first.
	StatementIDs() ([]string, error)
	// SpeakerCounts maps each actor id to how many statements it spoke.
	SpeakerCounts() (map[string]int, error)
	ForEachStatement(fn func(Statement) error) error
	Note(id string) (Note, error)
	// NotesFor lists the notes on one item, newest first.
	NotesFor(t Target) ([]Note, error)
	ForEachNote(fn func(Note) error) error
	Events() ([]Event, error)
	// Journals lists the records of work that spans several transactions
	// and has not finished, by key (see Tx.PutJournal).
	Journals() (map[string][]byte, error)
}

// Tx is one atomic, durable change to the store. Put replaces an item with the
// same id; Delete of a missing item is not an error.
type Tx interface {
	Reader
	PutActor(Actor) error
	PutPlace(Place) error
	// PutSource stores a source's metadata, and its text when text is not nil.
	PutSource(s Source, text *string) error
	PutStatement(Statement) error
	PutNote(Note) error
	PutEvent(Event) error
	DeleteActor(id string) error
	DeletePlace(id string) error
	DeleteSource(id string) error
	DeleteStatement(id string) error
	DeleteNote(id string) error
	DeleteEvent(id string) error
	// PutJournal and DeleteJournal keep a record of work too large for one
	// transaction (a very large import), written with its first part and
	// deleted with its last: work a crash left half done is found by it
	// and undone (see RecoverInterrupted).
	PutJournal(key string, value []byte) error
	DeleteJournal(key string) error
}

// Store is a casebook on disk. Update runs fn in one transaction and returns
// only after the change is durable (synced); if fn fails nothing is written.
type Store interface {
	Reader
	Update(fn func(Tx) error) error
	// View runs fn on one consistent snapshot.
	View(fn func(Reader) error) error
	// Setting and PutSetting keep small values such as the window state and
	// the seed marker. A missing key gives nil, nil.
	Setting(key string) ([]byte, error)
	PutSetting(key string, value []byte) error
	// ReadOnly says why the store cannot be written, "" when it can.
	ReadOnly() string
	// CheckRoom reports an error that names the disk when writing about
	// bytes more would not leave the store room to work; large writes ask
	// it first, so that they are refused before anything is written.
	CheckRoom(bytes int64) error
}

// Replacer is a store that can be replaced whole in one step: fill writes a
// new casebook beside it, which takes its place only when fill succeeds.
// Replace returns where the casebook it replaced is kept; when anything
// fails, the store is left as it was.
type Replacer interface {
	Replace(fill func(Store) error) (previous string, err error)
}

// Amender is a store that can make a change too large for one transaction
// in one step: change works on a copy of the casebook, which takes the
// casebook's place only when change succeeds. what names the change in the
// name of the folder where the casebook before it is kept, which Amend
// returns.
type Amender interface {
	Amend(what string, change func(Store) error) (previous string, err error)
}

// Filler writes items into an empty casebook without reading it first:
// what a generator or a loader of a whole casebook needs, many times
// faster than transactions. What it writes is whole only once the fill
// returns without an error.
type Filler interface {
	PutActor(Actor) error
	PutPlace(Place) error
	PutSource(s Source, text *string) error
	PutStatement(Statement) error
	PutNote(Note) error
	PutEvent(Event) error
}

// BulkFiller is a store that can fill an empty casebook in bulk.
type BulkFiller interface {
	// Fill runs fn with a Filler and makes what it wrote durable. The
	// casebook must be empty; a fill that fails leaves it to be thrown
	// away.
	Fill(fn func(Filler) error) error
}

// ChangeKind names a kind of item in a store's change log.
type ChangeKind byte

// The kinds of item a change log records: those the search index covers.
const (
	ChangedActor     ChangeKind = 'a'
	ChangedPlace     ChangeKind = 'p'
	ChangedSource    ChangeKind = 's'
	ChangedStatement ChangeKind = 't'
	ChangedNote      ChangeKind = 'n'
)

// ChangeLog is a reader of a store that numbers its changes: every
// transaction that writes or deletes an actor, place, source, statement or
// note records which ones, in that same transaction, under the next number.
// A search index saved as current to change n is brought up to date by
// reindexing what the changes after n touched, so it can never disagree
// with the data, whatever was killed when.
type ChangeLog interface {
	// LastChange is the number of the latest change, 0 before the first.
	LastChange() (uint64, error)
	// ChangesSince calls fn for each item written by a change after n, in
	// the order of the changes (an item may come more than once), and
	// returns the number of the latest change.
	ChangesSince(n uint64, fn func(kind ChangeKind, id string) error) (last uint64, err error)
}

// IndexSaver is a store that keeps a saved search index beside its data.
// The index is opaque to the store: bytes, and the change it is current to.
type IndexSaver interface {
	// SavedIndex returns the saved index and the change it is current to;
	// data is nil when none is saved.
	SavedIndex() (at uint64, data []byte, err error)
	// SaveIndex replaces the saved index with data, current to change at,
	// and forgets the change log up to it. An index current to an earlier
	// change than the one saved is not saved.
	SaveIndex(at uint64, data []byte) error
	// DropIndex forgets the saved index: the next open builds it anew.
	DropIndex() error
	// CheckSavedIndex reads the saved index whole and says whether it is
	// as it was saved (SavedIndex does not read it whole, to be quick).
	CheckSavedIndex() error
}

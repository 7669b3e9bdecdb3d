package app

// Selection is what the window has selected. Actor, Place or Source (at most
// one) scopes the statements list; Statement is the statement in focus. The
// zero Selection lists every statement and focuses nothing.
type Selection struct {
	Actor string `json:"actor,omitempty"`
	// Recipient, with Actor, narrows the list to what the actor said to
	// the recipient: a line of the map.
	Recipient string `json:"recipient,omitempty"`
	Place     string `json:"place,omitempty"`
	Source    string `json:"source,omitempty"`
	Statement string `json:"statement,omitempty"`
	// Role, with Actor, says which of the actor's statements are listed:
	// what it said (""), what was addressed to it, or both.
	Role ActorRole `json:"role,omitempty"`
}

// ActorRole is which of an actor's statements a list holds.
type ActorRole string

// The statements of an actor a list can hold.
const (
	RoleSaid      ActorRole = ""
	RoleAddressed ActorRole = "addressed"
	RoleBoth      ActorRole = "both"
)

// IsZero reports whether nothing is selected.
func (s Selection) IsZero() bool { return s == Selection{} }

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
}

// IsZero reports whether nothing is selected.
func (s Selection) IsZero() bool { return s == Selection{} }

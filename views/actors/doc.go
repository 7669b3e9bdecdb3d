// Package actors is the actors pane: every actor with how many statements
// it spoke, filtered by name as the user types; choosing one selects it
// everywhere.
package actors

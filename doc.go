// Command parley is a desktop casebook for following a peace process from its
// sources. main only wires: it reads the global flags, opens the store, loads
// the seed case into an empty casebook, and starts the window or a command.
package main

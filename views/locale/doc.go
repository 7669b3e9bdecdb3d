// Package locale runs before Fyne's language package initialises. Under the
// C.UTF-8 locale of many containers and CI machines, Fyne's locale lookup
// cannot parse "C" as a language and logs three lines of errors at start-up,
// which would spoil the one-line messages of Parley's command line. C means
// "no language preference", so this tells the lookup English instead, through
// LANGUAGE, which C locales otherwise ignore.
//
// It works because Go initialises ready packages in import-path order and
// this package's path sorts before fyne.io/...: keep the module path so.
package locale

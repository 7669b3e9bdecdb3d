// Package extract finds quotations in a text and decides who said them. It
// works on plain text in code points and needs no model: it pairs quotation
// marks of many languages, classifies each quotation as a direct quote, a
// quoted fragment of narration, or a term (a scare quote or a name), and
// finds its speaker from attribution cues around it ("said Blinken", "he
// stressed", "according to the ministry", « …, a-t-il déclaré », „…“, sagte
// er), resolving pronouns and descriptions to the fullest name the text
// gives.
package extract

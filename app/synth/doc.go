// Package synth generates casebooks of any size, with plausible actors,
// places, sources, statements and notes, for benchmarks, load tests and
// the figures; the same spec always gives the same casebook. It is not part
// of the domain: a real casebook never holds what it makes.
package synth

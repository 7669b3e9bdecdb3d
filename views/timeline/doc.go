// Package timeline draws the listed statements over time, one lane per
// speaker, with the case's dated events as shaded spans; busy days are
// spread out and, zoomed out, bundled with a count. Hover shows a quote and
// a click selects it.
package timeline

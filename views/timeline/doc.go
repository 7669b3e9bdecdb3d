// Package timeline draws the listed statements over time, one lane per
// speaker and a row for those without a date, with the case's dated events
// as shaded spans; busy days are spread out and, zoomed out, bundled with a
// count so that no two marks touch. Hover shows a quote and a click selects
// it; the view stays within the data's dates.
package timeline

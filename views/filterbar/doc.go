// Package filterbar is the bar under the toolbar that narrows what the
// lists, the map and the timeline show: by speaker, place, dates, kind of
// statement, tag, event category and tone. Every choice stays visible, and
// Clear filters resets them all.
package filterbar

package session

import (
	"slices"
	"time"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
)

// TimelineLane is one row of the timeline: an actor, or everyone else.
type TimelineLane struct {
	Actor string // "" for the lane of the others
	Name  string
	Count int
}

// TimelinePoint is one statement on one lane. Statements of the same lane
// and day are numbered in the order of their source (Order of Count), so
// the picture can spread a busy day out instead of piling it up.
type TimelinePoint struct {
	ID    string
	Day   int // days since 1970-01-01
	Lane  int
	Order int
	Count int
}

// TimelineData is what the timeline draws for a list of statements.
type TimelineData struct {
	Lanes  []TimelineLane
	Points []TimelinePoint
	Events []app.Event
	// First and Last are the days of the earliest and latest point.
	First, Last int
	// Undated are the statements with no date, in the list's order.
	Undated []string
}

// DayNumber turns YYYY-MM-DD (or YYYY-MM, YYYY: the first day) into days
// since 1970-01-01; ok is false for anything else.
func DayNumber(date string) (int, bool) {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(date)]
	if layout == "" {
		return 0, false
	}
	t, err := time.Parse(layout, date)
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

// DayDate turns a day number back into a time, at midnight UTC.
func DayDate(day int) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// Timeline lays out a list of statements (newest first, as lists are) on
// lanes: one per speaker for the maxLanes-1 most frequent speakers, and one
// for the others. The case's dated events come with it.
func (s *Session) Timeline(ids []string, maxLanes int) (TimelineData, error) {
	var d TimelineData
	type fact struct {
		id, date string
		speakers []string
	}
	facts := make([]fact, 0, len(ids))
	collect := func(id, date string, speakers []string) {
		facts = append(facts, fact{id, date, slices.Clone(speakers)})
	}
	if ixs, ok := s.Casebook.Store.(search.Indexer); ok {
		ix, err := ixs.Index()
		if err != nil {
			return d, err
		}
		ix.StatementFacts(ids, collect)
	} else {
		for _, id := range ids {
			st, err := s.Casebook.Store.Statement(id)
			if err != nil {
				continue
			}
			collect(st.ID, st.Date, st.Speakers)
		}
	}
	count := map[string]int{}
	for _, f := range facts {
		for _, a := range f.speakers {
			count[a]++
		}
	}
	actors := app.MostFirst(count)
	laneOf := map[string]int{}
	others := -1
	for i, a := range actors {
		if i < maxLanes-1 || len(actors) <= maxLanes {
			name := a
			if actor, ok := s.Actor(a); ok {
				name = actor.Name
			}
			laneOf[a] = len(d.Lanes)
			d.Lanes = append(d.Lanes, TimelineLane{Actor: a, Name: name, Count: count[a]})
			continue
		}
		if others < 0 {
			others = len(d.Lanes)
			d.Lanes = append(d.Lanes, TimelineLane{Name: "Others"})
		}
		laneOf[a] = others
		d.Lanes[others].Count += count[a]
	}
	// Lists run newest first and, within a day, in source order: walk them
	// backwards by day but forwards within it.
	type slot struct{ lane, day int }
	seen := map[slot]int{}
	first := true
	for _, f := range facts {
		day, ok := DayNumber(f.date)
		if !ok {
			d.Undated = append(d.Undated, f.id)
			continue
		}
		if first || day < d.First {
			d.First = day
		}
		if first || day > d.Last {
			d.Last = day
		}
		first = false
		lanes := map[int]bool{}
		for _, a := range f.speakers {
			lane := laneOf[a]
			if lanes[lane] {
				continue // two speakers in the others' lane: one point
			}
			lanes[lane] = true
			k := slot{lane, day}
			d.Points = append(d.Points, TimelinePoint{ID: f.id, Day: day, Lane: lane, Order: seen[k]})
			seen[k]++
		}
	}
	for i := range d.Points {
		d.Points[i].Count = seen[slot{d.Points[i].Lane, d.Points[i].Day}]
	}
	events, err := s.Casebook.Store.Events()
	if err != nil {
		return d, err
	}
	d.Events = events
	return d, nil
}

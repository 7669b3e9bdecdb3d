package app

import (
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// SourceMeta is what a person may correct about a source: everything but
// its id, its text and the bookkeeping of its import.
type SourceMeta struct {
	Title     string        `json:"title"`
	Outlet    string        `json:"outlet"`
	Byline    []string      `json:"byline,omitempty"`
	Published string        `json:"published"`
	Precision DatePrecision `json:"date_precision"`
	URL       string        `json:"url,omitempty"`
	Language  string        `json:"language"`
}

// Meta is the part of s a person may correct.
func (s Source) Meta() SourceMeta {
	return SourceMeta{s.Title, s.Outlet, slices.Clone(s.Byline), s.Published, s.DatePrecision, s.URL, s.Language}
}

// DateLabel is a source's date as a reader would say it: the date with its
// precision when that is not a day, or "date unknown".
func (s Source) DateLabel() string {
	switch {
	case s.Published == "":
		return "date unknown"
	case s.DatePrecision == PrecisionInferred:
		return s.Published + " (inferred)"
	}
	return s.Published
}

// ParseSourceDate reads a source's date as a person types it: YYYY-MM-DD,
// YYYY-MM or YYYY, or "" or "unknown" for none. It returns the date and the
// precision its form says, or the reason it is not a date.
func ParseSourceDate(s string) (string, DatePrecision, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, string(PrecisionUnknown)) {
		return "", PrecisionUnknown, nil
	}
	for _, f := range []struct {
		layout    string
		precision DatePrecision
	}{{time.DateOnly, PrecisionDay}, {"2006-01", PrecisionMonth}, {"2006", PrecisionYear}} {
		if len(s) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, s)
		if err != nil {
			// time's own reason names the part that is wrong ("day out of
			// range", "month out of range").
			_, why, _ := strings.Cut(err.Error(), ": ")
			if why == "" {
				why = "not a date"
			}
			return "", "", invalid("%q is not a date: %s", s, why)
		}
		if t.Year() < 1000 {
			return "", "", invalid("%q is not a date: the year must have four digits", s)
		}
		return s, f.precision, nil
	}
	return "", "", invalid("%q is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or unknown", s)
}

// ParseByline splits a byline as typed into its authors: on semicolons,
// commas and "and"/"&" between names.
func ParseByline(s string) []string {
	s = strings.NewReplacer(" and ", ";", " & ", ";", ",", ";").Replace(s)
	var out []string
	for _, name := range strings.Split(s, ";") {
		if name = strings.Join(strings.Fields(name), " "); name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// CanonicalLanguage checks a BCP 47 language tag and returns its canonical
// form ("EN-gb" → "en-GB"); "" stays "" (not known).
func CanonicalLanguage(tag string) (string, error) {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return "", nil
	}
	t, err := language.Parse(tag)
	if err != nil {
		return "", invalid("%q is not a language tag (BCP 47, for example en, ru, hy, az-Latn)", tag)
	}
	return t.String(), nil
}

// checkMeta validates and tidies metadata a person typed.
func checkMeta(m SourceMeta) (SourceMeta, error) {
	m.Title = strings.Join(strings.Fields(m.Title), " ")
	m.Outlet = strings.Join(strings.Fields(m.Outlet), " ")
	m.URL = strings.TrimSpace(m.URL)
	if m.Title == "" {
		return m, invalid("a source needs a title")
	}
	date, precision, err := ParseSourceDate(m.Published)
	if err != nil {
		return m, err
	}
	// A date taken from the text keeps its mark until someone changes it.
	if m.Precision != PrecisionInferred || date == "" || precision != PrecisionDay {
		m.Precision = precision
	}
	m.Published = date
	if err := CheckURL(m.URL); err != nil {
		return m, err
	}
	if m.Language, err = CanonicalLanguage(m.Language); err != nil {
		return m, err
	}
	var byline []string
	for _, a := range m.Byline {
		if a = strings.Join(strings.Fields(a), " "); a != "" && !slices.Contains(byline, a) {
			byline = append(byline, a)
		}
	}
	m.Byline = byline
	return m, nil
}

// SourceEdit is what SetSourceMeta changed, for UndoSourceEdit.
type SourceEdit struct {
	Before Source
	After  Source
	// Statements are the source's statements as they were, for those whose
	// date followed the source's.
	Statements []Statement
}

// SetSourceMeta corrects a source's metadata. The source's statements that
// carried its old date take the new one, in the same transaction, so the
// timeline follows the correction.
func (c *Casebook) SetSourceMeta(id string, m SourceMeta) (SourceEdit, error) {
	var edit SourceEdit
	m, err := checkMeta(m)
	if err != nil {
		return edit, err
	}
	err = c.Store.Update(func(tx Tx) error {
		src, err := tx.Source(id)
		if err != nil {
			return err
		}
		edit.Before = src
		src.Title, src.Outlet, src.Byline, src.URL, src.Language = m.Title, m.Outlet, m.Byline, m.URL, m.Language
		src.Published, src.DatePrecision = m.Published, m.Precision
		edit.After = src
		if err := CheckSource(src); err != nil {
			return err
		}
		if err := tx.PutSource(src, nil); err != nil {
			return err
		}
		if edit.Before.Published == src.Published {
			return nil
		}
		ids, err := tx.StatementIDsBySource(id)
		if err != nil {
			return err
		}
		for _, sid := range ids {
			st, err := tx.Statement(sid)
			if err != nil {
				return err
			}
			r, ok := st.ReportIn(id)
			if !ok || r.Date != edit.Before.Published {
				continue // dated otherwise by hand
			}
			edit.Statements = append(edit.Statements, st)
			st.SetSourceDate(id, src.Published)
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	})
	return edit, err
}

// UndoSourceEdit puts a source and the statements SetSourceMeta changed
// back as they were.
func (c *Casebook) UndoSourceEdit(e SourceEdit) error {
	return c.Store.Update(func(tx Tx) error {
		if _, err := tx.Source(e.Before.ID); err != nil {
			return err
		}
		if err := tx.PutSource(e.Before, nil); err != nil {
			return err
		}
		for _, st := range e.Statements {
			if _, err := tx.Statement(st.ID); err != nil {
				continue // deleted since: nothing to put back
			}
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	})
}

// SourceRow is a source with how many statements it reports.
type SourceRow struct {
	Source     Source
	Statements int
}

// SourceRows lists every source with its statement count, the newest first
// (sources with no date last), then by title.
func (c *Casebook) SourceRows() ([]SourceRow, error) {
	var rows []SourceRow
	err := c.Store.View(func(r Reader) error {
		sources, err := r.Sources()
		if err != nil {
			return err
		}
		rows = make([]SourceRow, 0, len(sources))
		for _, s := range sources {
			ids, err := r.StatementIDsBySource(s.ID)
			if err != nil {
				return err
			}
			rows = append(rows, SourceRow{s, len(ids)})
		}
		return nil
	})
	slices.SortStableFunc(rows, func(a, b SourceRow) int {
		if c := strings.Compare(b.Source.Published, a.Source.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Source.Title, b.Source.Title)
	})
	return rows, err
}

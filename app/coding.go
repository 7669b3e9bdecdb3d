package app

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CameoCode is one CAMEO event code with its Goldstein cooperation score
// and, where PLOVER has one, the PLOVER category, mode and context. Score
// is the code's place between conflict (-10) and cooperation (+10) that a
// coding carries: the PLOVER manual's score of its category and mode where
// the manual gives one, else the Goldstein score.
type CameoCode struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Goldstein float64 `json:"goldstein"`
	Score     float64 `json:"score"`
	Category  string  `json:"category,omitempty"`
	Mode      string  `json:"mode,omitempty"`
	Context   string  `json:"context,omitempty"`
}

// PLOVERQuad is each PLOVER category's quad code, as the manual's section
// on each category gives it: 1 verbal and 2 material cooperation, 3 verbal
// and 4 material conflict. (The manual's summary table puts SANCTION under
// verbal conflict; its own section, followed here, under material.)
var PLOVERQuad = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
	"COOPERATE": 2, "AID": 2, "RETREAT": 2,
	"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
	"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

// MaterialAct reports whether a PLOVER category is an act done, not said.
func MaterialAct(category string) bool {
	q := PLOVERQuad[category]
	return q == 2 || q == 4
}

// CodeTables are the event code tables: CAMEO codes by code.
type CodeTables struct {
	Cameo map[string]CameoCode
	// Categories lists the PLOVER categories that CAMEO codes map to.
	Categories []string
}

// ParseCodeTables reads the CAMEO table (code,name,goldstein as CSV), the
// CAMEO→PLOVER table ("CODE: CATEGORY, mode, context # description") and
// the PLOVER manual's scores ("CATEGORY [mode] score").
func ParseCodeTables(cameoCSV, ploverTxt, ploverScores io.Reader) (*CodeTables, error) {
	t := &CodeTables{Cameo: map[string]CameoCode{}}
	r := csv.NewReader(cameoCSV)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("CAMEO table: %w", err)
	}
	for i, row := range rows {
		if i == 0 && len(row) > 0 && row[0] == "code" {
			continue
		}
		if len(row) != 3 {
			return nil, fmt.Errorf("CAMEO table line %d: %d fields, want 3", i+1, len(row))
		}
		g, err := strconv.ParseFloat(row[2], 64)
		if err != nil || g < -10 || g > 10 {
			return nil, fmt.Errorf("CAMEO table line %d: Goldstein %q is not a number from -10 to 10", i+1, row[2])
		}
		t.Cameo[row[0]] = CameoCode{Code: row[0], Name: row[1], Goldstein: g}
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(ploverTxt)
	line := 0
	for sc.Scan() {
		line++
		text, desc, _ := strings.Cut(sc.Text(), "#")
		code, rest, ok := strings.Cut(text, ":")
		code = strings.TrimSpace(code)
		if !ok || code == "" {
			continue
		}
		fields := strings.Split(rest, ",")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		c, known := t.Cameo[code]
		if !known {
			// A finer code than the CAMEO table lists: it takes its
			// parent's score.
			parent, ok := t.parent(code)
			if !ok {
				return nil, fmt.Errorf("PLOVER table line %d: CAMEO code %q has no parent in the CAMEO table", line, code)
			}
			c = CameoCode{Code: code, Name: strings.TrimSpace(desc), Goldstein: parent.Goldstein}
		}
		if c.Category == "" { // the first mapping of a code stands
			c.Category = fields[0]
			if len(fields) > 1 {
				c.Mode = fields[1]
			}
			if len(fields) > 2 {
				c.Context = fields[2]
			}
			t.Cameo[code] = c
		}
		if fields[0] != "" && !seen[fields[0]] {
			seen[fields[0]] = true
			t.Categories = append(t.Categories, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("PLOVER table: %w", err)
	}
	scores, err := parsePloverScores(ploverScores)
	if err != nil {
		return nil, err
	}
	for code, c := range t.Cameo {
		c.Score = c.Goldstein
		if s, ok := scores[c.Category+" "+c.Mode]; ok && c.Mode != "" {
			c.Score = s
		} else if s, ok := scores[c.Category]; ok {
			c.Score = s
		}
		t.Cameo[code] = c
	}
	return t, nil
}

// parsePloverScores reads "CATEGORY score" and "CATEGORY mode score" lines
// into scores by "CATEGORY" and "CATEGORY mode".
func parsePloverScores(r io.Reader) (map[string]float64, error) {
	scores := map[string]float64{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		if len(f) > 3 {
			return nil, fmt.Errorf("PLOVER scores line %d: want a category, a mode perhaps, and a score", line)
		}
		s, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil || s < -10 || s > 10 {
			return nil, fmt.Errorf("PLOVER scores line %d: %q is not a score from -10 to 10", line, f[len(f)-1])
		}
		scores[strings.Join(f[:len(f)-1], " ")] = s
	}
	return scores, sc.Err()
}

// parent finds the nearest listed code a code extends: 1214 → 121 → 12.
func (t *CodeTables) parent(code string) (CameoCode, bool) {
	for n := len(code) - 1; n >= 2; n-- {
		if c, ok := t.Cameo[code[:n]]; ok {
			return c, true
		}
	}
	return CameoCode{}, false
}

// Code returns a Coding for a CAMEO code, confirmed or suggested.
func (t *CodeTables) Code(cameo string, confirmed bool) (Coding, bool) {
	c, ok := t.Cameo[cameo]
	if !ok {
		return Coding{}, false
	}
	return Coding{Category: c.Category, Mode: c.Mode, CAMEO: c.Code, Score: c.Score, Confirmed: confirmed}, true
}

// Words says a coding in words: "Praise or endorse (SUPPORT), +3.4".
func (t *CodeTables) Words(c Coding) string {
	if c.IsZero() {
		return "Not coded"
	}
	name := c.CAMEO
	if cc, ok := t.Cameo[c.CAMEO]; ok {
		name = cc.Name
	}
	s := name
	if c.Category != "" {
		s += " (" + c.Category
		if c.Mode != "" {
			s += ", " + c.Mode
		}
		s += ")"
	}
	return fmt.Sprintf("%s, %+.1f from conflict (-10) to cooperation (+10)", s, c.Score)
}

// SetCoding records a person's coding of a statement, which is then
// confirmed. A coding must name a CAMEO code or a PLOVER category, with a
// score from -10 to +10 (see Coding).
func (c *Casebook) SetCoding(id string, coding Coding) (Statement, error) {
	if coding.IsZero() {
		return Statement{}, invalid("a coding needs a CAMEO code or a PLOVER category")
	}
	if coding.Score < -10 || coding.Score > 10 {
		return Statement{}, invalid("score %v is outside -10 … +10", coding.Score)
	}
	// A person's code: what suggested it no longer applies.
	coding.Confirmed, coding.By, coding.Why, coding.Confidence = true, CodedByUser, "", 0
	var st Statement
	err := c.Store.Update(func(tx Tx) error {
		var err error
		if st, err = tx.Statement(id); err != nil {
			return err
		}
		st.Coding = coding
		return tx.PutStatement(st)
	})
	return st, err
}

// SetRecipients changes who a statement is addressed to.
func (c *Casebook) SetRecipients(id string, recipients []string) (Statement, error) {
	var st Statement
	err := c.Store.Update(func(tx Tx) error {
		var err error
		if st, err = tx.Statement(id); err != nil {
			return err
		}
		seen := map[string]bool{}
		out := []string{}
		for _, r := range recipients {
			if seen[r] {
				continue
			}
			if _, err := tx.Actor(r); err != nil {
				return fmt.Errorf("recipient %q: %w", r, err)
			}
			seen[r] = true
			out = append(out, r)
		}
		st.Recipients = out
		return tx.PutStatement(st)
	})
	return st, err
}

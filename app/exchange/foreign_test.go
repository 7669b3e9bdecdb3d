package exchange_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
)

// foreignProject is a project as another QDA program writes one: a
// byte-order mark and CRLF line ends, a text source with its text inline
// and a coded selection, codes in a tree (one with a memo) that code
// nothing, a note, variables with values, a case and a set.
const foreignProject = "\uFEFF" + `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Talks study" origin="OtherQDA 9" creationDateTime="2024-02-01T10:00:00Z">
  <CodeBook><Codes>
    <Code guid="AAAAAAAA-0000-0000-0000-000000000001" name="Diplomacy" isCodable="true">
      <Description>Anything about talks</Description>
      <Code guid="AAAAAAAA-0000-0000-0000-000000000002" name="Mediation" isCodable="true"/>
    </Code>
    <Code guid="AAAAAAAA-0000-0000-0000-000000000003" name="Borders" isCodable="true"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="BBBBBBBB-0000-0000-0000-000000000001" name="Region" typeOfVariable="Text"/>
    <Variable guid="BBBBBBBB-0000-0000-0000-000000000002" name="Year" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="CCCCCCCC-0000-0000-0000-000000000001" name="Delegation A">
      <Description>The first delegation</Description>
      <VariableValue><VariableRef targetGUID="BBBBBBBB-0000-0000-0000-000000000002"/><IntegerValue>2023</IntegerValue></VariableValue>
      <SourceRef targetGUID="DDDDDDDD-0000-0000-0000-000000000001"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="DDDDDDDD-0000-0000-0000-000000000001" name="Interview">
      <PlainTextContent>Talks resumed.

"We will meet again in June," Jeyhun Bayramov said on Monday.</PlainTextContent>
      <PlainTextSelection guid="EEEEEEEE-0000-0000-0000-000000000001" startPosition="0" endPosition="14">
        <Coding guid="EEEEEEEE-0000-0000-0000-000000000002"><CodeRef targetGUID="AAAAAAAA-0000-0000-0000-000000000001"/></Coding>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="BBBBBBBB-0000-0000-0000-000000000001"/><TextValue>Caucasus</TextValue></VariableValue>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="FFFFFFFF-0000-0000-0000-000000000001" name="Memo on method">
      <PlainTextContent>Coded twice, compared.</PlainTextContent>
    </Note>
  </Notes>
  <Sets>
    <Set guid="99999999-0000-0000-0000-000000000001" name="Core codes">
      <MemberCode targetGUID="AAAAAAAA-0000-0000-0000-000000000001"/>
      <MemberCode targetGUID="AAAAAAAA-0000-0000-0000-000000000003"/>
    </Set>
  </Sets>
</Project>
`

func TestAForeignProjectKeepsWhatParleyHasNoItemFor(t *testing.T) {
	qde := strings.ReplaceAll(foreignProject, "\n", "\r\n")
	p, err := exchange.ReadQDPX("study.qdpx", zipWith(t, "project.qde", qde))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Articles) != 1 || p.Skipped != 1 {
		t.Fatalf("%d articles, %d selections left out", len(p.Articles), p.Skipped)
	}
	kept := strings.Join(p.Kept, " | ")
	for _, want := range []string{"3 codes", "1 memos and notes", "1 variables", "1 cases", "1 sets"} {
		if !strings.Contains(kept, want) {
			t.Errorf("kept %q lacks %q", kept, want)
		}
	}
	if dropped := strings.Join(p.Dropped, " | "); !strings.Contains(dropped, "1 selections coded in the other program") {
		t.Errorf("dropped: %q", dropped)
	}
	if len(p.Case.Sources) != 1 || !strings.Contains(p.Case.Sources[0].Title, "Talks study") || p.Case.Sources[0].Outlet != "OtherQDA 9" {
		t.Fatalf("the project's source: %+v", p.Case.Sources)
	}
	bodies := ""
	var codeTags []string
	for _, n := range p.Case.Notes {
		bodies += n.Body + "\n"
		if strings.HasPrefix(n.Body, "Codes of the project") {
			codeTags = n.Tags
		}
	}
	if !slices.Equal(codeTags, []string{"Diplomacy", "Mediation", "Borders"}) {
		t.Errorf("code tags %v", codeTags)
	}
	for _, want := range []string{"  - Mediation", "Diplomacy: Anything about talks", "Memo on method", "Coded twice, compared.",
		"Interview: Region = Caucasus", "Delegation A: The first delegation; Year = 2023 (1 members)", "Core codes (2 members)"} {
		if !strings.Contains(bodies, want) {
			t.Errorf("the notes lack %q:\n%s", want, bodies)
		}
	}

	// Filed, the article's statement is found afresh and the notes are
	// there; filed again, nothing changes.
	s := bareStore(t)
	res, err := exchange.ImportProject(s, p, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 1 || res.Statements == 0 && res.Notes != 3 || len(res.Kept) != len(p.Kept) {
		t.Errorf("result %+v", res)
	}
	before, _ := (&app.Casebook{Store: s}).Dump()
	again, err := exchange.ReadQDPX("study.qdpx", zipWith(t, "project.qde", qde))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportProject(s, again, exchange.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	after, _ := (&app.Casebook{Store: s}).Dump()
	if !reflect.DeepEqual(before.Notes, after.Notes) || len(before.Sources) != len(after.Sources) {
		t.Errorf("importing the project again changed the casebook: %d → %d notes, %d → %d sources",
			len(before.Notes), len(after.Notes), len(before.Sources), len(after.Sources))
	}
	quotes := 0
	for _, st := range after.Statements {
		if strings.Contains(st.Quote, "meet again in June") {
			quotes++
		}
	}
	if quotes != 1 {
		t.Errorf("the article's quote is filed %d times", quotes)
	}
}

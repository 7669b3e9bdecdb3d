package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// want is one expected quotation: its text, kind and (part of) its speaker.
type want struct {
	text    string
	kind    Kind
	speaker string // a word the speaker must contain; "" unchecked, nobody for none
}

// nobody, as a wanted speaker, says that no one may be named.
const nobody = "-"

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a name set off by commas just before the cue",
			text: "The fine was large, and the company's founder, Ada Brenner, called it “pure theatre” on Monday, which few expected.",
			want: []want{{"pure theatre", Fragment, "Ada Brenner"}},
		},
		{
			name: "according to a described person",
			text: "According to veteran radio host Lena Stroud, the plan smells of “panic” and little else.",
			want: []want{{"panic", Fragment, "Lena Stroud"}},
		},
		{
			name: "an opening phrase with with",
			text: "With ten days to go, Nadia Petrov, a senior aide to the mayor, called the poll “a warning shot” for the campaign.",
			want: []want{{"a warning shot", Fragment, "Nadia Petrov"}},
		},
		{
			name: "another is a determiner, and the name beside it speaks",
			text: "One reviewer wrote about it, and another followed.\n\nAnother critic, Paul R. Lindqvist, likened the rules to “tearing up the charter” in a letter.",
			want: []want{{"tearing up the charter", Fragment, "Paul R. Lindqvist"}},
		},
		{
			name: "a titled name with its place, the subject of the sentence",
			text: "In March, Gov. Dora Mae Whitley of North Dakota praised the plan in her address for bringing “fresh and bold ideas.”",
			want: []want{{"fresh and bold ideas.", Fragment, "Dora Mae Whitley"}},
		},
		{
			name: "chanting is a cue",
			text: "The mayor walked onto the stage, chanting “Four more years!”",
			want: []want{{"Four more years!", Fragment, "mayor"}},
		},
		{
			name: "fears after a modifier is a noun, and a year is no part of a name",
			text: "The ad plays on our worst fears and calls rivals “cowards” again. I hope in 2027 Norland says, “Thank you for your service.”",
			want: []want{
				{"cowards", Term, nobody},
				{"Thank you for your service.", Direct, "Norland"},
			},
		},
		{
			name: "according to, far along on the right",
			text: "The minister was met with cries of “Peace now!” at a rally in the capital, according to union leader Dana Reyes.",
			want: []want{{"Peace now!", Fragment, "Dana Reyes"}},
		},
		{
			name: "quoted words with no cue belong to the person the sentence is about",
			text: "Senate Majority Leader Harry Olsen (R-Utah), in particular, has hammered the plan.\n\nIn recent weeks, Olsen has gone after the governor as a “tax-and-spend dreamer.”",
			want: []want{{"tax-and-spend dreamer.", Fragment, "Harry Olsen"}},
		},
		{
			name: "a claim's owner",
			text: "The fact-checkers looked into Mayor Ruth Abel’s claim that there were “hundreds of empty homes” in the district.",
			want: []want{{"hundreds of empty homes", Fragment, "Ruth Abel"}},
		},
		{
			name: "a nickname inside a name is no one's words",
			text: "Delegate Robert C. “Bobby” Lane waved to the crowd and left.",
			want: []want{{"Bobby", Term, nobody}},
		},
		{
			name: "a cue word after a possessive or a number and a name is a noun",
			text: "Governor Ann Ruiz said Ben Cole’s tweet was only “a joke” about the debate. The fact-checkers rated 30% of Green claims as “false,” compared to 12% of Blue claims.",
			want: []want{
				{"a joke", Fragment, "Ann Ruiz"},
				{"false,", Fragment, "fact-checkers"},
			},
		},
		{
			name: "a lower-case title, a name and a party in parentheses before the cue",
			text: "“Deadlines are not advice,” committee chair Rep. Dana Holt (D-Ore.) said after the witness stayed away.",
			want: []want{{"Deadlines are not advice,", Direct, "Dana Holt"}},
		},
		{
			name: "a quotation on its own after a sentence about a named person",
			text: "Her old partner at the clinic, Tomas R. Lind, called her a genius at budgets. “She found money where nobody looked.”",
			want: []want{{"She found money where nobody looked.", Direct, "Tomas R. Lind"}},
		},
		{
			name: "a cue after an earlier quote of the sentence has the sentence's subject",
			text: "Mayor Ines Okafor hardly cleared things up, treating the question as a joke -- “That one is cheap” -- and, when pressed later, asserting, “Of course the budget is balanced.”",
			want: []want{
				{"That one is cheap", Direct, "Ines Okafor"},
				{"Of course the budget is balanced.", Direct, "Ines Okafor"},
			},
		},
		{
			name: "admitting is a cue",
			text: "Speaker Paul Ortega, despite admitting concerns about “lawyers getting rich,” backed the bill.",
			want: []want{{"lawyers getting rich,", Fragment, "Paul Ortega"}},
		},
		{
			name: "a participle after a preposition speaks for the clause's subject",
			text: "Leo Brandt sells pills on television.\n\nBrandt’s advice earned him a summons from the agency, where he appeared at a hearing for his role in selling pills and for saying that they were a “cure for every ache.”",
			want: []want{{"cure for every ache.", Fragment, "Leo Brandt"}},
		},
		{
			name: "an outlet's name run into a person's is not the person's name",
			text: "Mark Quinn toured the port.\n\nIn a meeting with the editorial board of the Harbor Post Quinn set out the plan.\n\n“The port needs a second pier,” Quinn said.",
			want: []want{{"The port needs a second pier,", Direct, "Mark Quinn"}},
		},
		{
			name: "a subject that names a person is not a description of the next name",
			text: "Mark Quinn leads the race.\n\nQuinn openly admires Foreign Minister Ivo Dane. Last week he called the press “a pack of liars.”",
			want: []want{{"a pack of liars.", Fragment, "Mark Quinn"}},
		},
		{
			name: "the subject of the sentence before, not a person it names later",
			text: "Retired general Carla Ruiz is speaking out before the vote.\n\nIn an interview with a radio host, Ruiz made it clear she had doubts about the army under Defence Minister Maria Vard at the time.\n\n“It was hard to serve,” she told the host.",
			want: []want{{"It was hard to serve,", Direct, "Carla Ruiz"}},
		},
		{
			name: "a place is not whom he means",
			text: "The group bought 60 acres of land in upstate New York, where they planned to wait.\n\n“We will be safe here,” he said.",
			want: []want{{"We will be safe here,", Direct, nobody}},
		},
		{
			name: "a firm is not whom she means",
			text: "“We planned this for months,” said Kenneth Barr, a former aide who runs Crosscut Strategies.\n\n“It will pass,” she said.",
			want: []want{
				{"We planned this for months,", Direct, "Kenneth Barr"},
				{"It will pass,", Direct, nobody},
			},
		},
		{
			name: "a one-word subject is a person when quoted before",
			text: "“We will win this,” Ortiz said.\n\nThe count began late.\n\nVoters waited in long lines.\n\nSome left early.\n\n“It is a mess,” said Paul Berg, a poll watcher.\n\nThe results came at midnight.\n\nOn Monday night, Ortiz leaned in hard.\n\n“Why should we wait for them?” she said.",
			want: []want{
				{"We will win this,", Direct, "Ortiz"},
				{"It is a mess,", Direct, "Paul Berg"},
				{"Why should we wait for them?", Direct, "Ortiz"},
			},
		},
		{
			name: "a colon after a clause about a titled person",
			text: "Worried about turnout among young voters, President Omar Haddad is trying a more personal message: “This vote is about me.”",
			want: []want{{"This vote is about me.", Direct, "Haddad"}},
		},
		{
			name: "a title-case headline names its speaker before the cue",
			text: "Haddad Says New Library Will Tell of “Loss and Hope.”\n\nPresident Haddad opened the library on Saturday.\n\nThousands came to see it.",
			want: []want{{"Loss and Hope.", Fragment, "Haddad"}},
		},
		{
			name: "a body issued in the same sentence speaks for its issuer",
			text: "After a short meeting, the Security Council issued a statement calling the test “a clear violation” of earlier resolutions.",
			want: []want{{"a clear violation", Fragment, "Security Council"}},
		},
		{
			name: "quote then cue and name",
			text: "Foreign Minister Ararat Mirzoyan met his counterpart on Monday.\n\n“We have agreed on several articles,” said Mirzoyan after the meeting.",
			want: []want{{"We have agreed on several articles,", Direct, "Ararat Mirzoyan"}},
		},
		{
			name: "pronoun after the quote resolves to the full name",
			text: "Secretary of State Antony Blinken hosted the talks.\n\n“The sides made real progress,” he told reporters.",
			want: []want{{"The sides made real progress,", Direct, "Antony Blinken"}},
		},
		{
			name: "announced by the sentence before",
			text: "Jeyhun Bayramov spoke after the session. Bayramov said:\n\n“Peace is possible if borders are respected.”",
			want: []want{{"Peace is possible if borders are respected.", Direct, "Jeyhun Bayramov"}},
		},
		{
			name: "goes on after a sentence of reported speech",
			text: "The talks may slow down over the summer, Ararat Mirzoyan said. “We still expect a text by the autumn.”",
			want: []want{{"We still expect a text by the autumn.", Direct, "Ararat Mirzoyan"}},
		},
		{
			name: "a long opening phrase, then the subject and a participle cue",
			text: "During a long speech to veterans on Tuesday evening in Baku, Ilham Aliyev criticised the delay, saying, “We cannot wait forever.”",
			want: []want{{"We cannot wait forever.", Direct, "Ilham Aliyev"}},
		},
		{
			name: "relatives share a last name, not a gender",
			text: "Keith Lamont Scott was sitting in his truck. Rakeyia Scott recorded the encounter on her phone.\n\n“Please do not hurt him,” she says.",
			want: []want{{"Please do not hurt him,", Direct, "Rakeyia Scott"}},
		},
		{
			name: "a cue word used as a noun is not the cue",
			text: "Hillary Clinton says Donald Trump's flurry of late-night tweets was “unhinged, even for him.”",
			want: []want{{"unhinged, even for him.", Fragment, "Hillary Clinton"}},
		},
		{
			name: "a titled name is the person a pronoun means, not a place",
			text: "Ships crossed the Caspian Sea all week. Last week, President Ortiz flew to the coast.\n\n“The water is rising,” she said.",
			want: []want{{"The water is rising,", Direct, "Ortiz"}},
		},
		{
			name: "the president is whoever the text titled so",
			text: "Anna Vale thanked President Tomas Berg for the meeting.\n\n“We owe her an answer,” the president said.",
			want: []want{{"We owe her an answer,", Direct, "Tomas Berg"}},
		},
		{
			name: "the title inside a longer run of capitals",
			text: "BRUSSELS -- European Council President Charles Michel hosted the round. Leyla Abdullayeva, a spokeswoman, said Baku was ready.\n\n“We have not lost hope,” the president said after the meeting.",
			want: []want{{"We have not lost hope,", Direct, "Charles Michel"}},
		},
		{
			name: "a pronoun before the quote means someone named before the pronoun",
			text: "Tomas Berg spoke on Monday.\n\nHowever, he characterized opposition leader Sen. Ivan Petrov, who was absent, as “a man without a plan”.",
			want: []want{{"a man without a plan", Fragment, "Tomas Berg"}},
		},
		{
			name: "what belongs to a name speaks as itself",
			text: "“We will not withdraw,” Clinton’s campaign said in a statement.\n\nAzerbaijan’s foreign ministry said the road was “open to all”.",
			want: []want{{"We will not withdraw,", Direct, "Clinton’s campaign"}, {"open to all", Fragment, "Azerbaijan’s foreign ministry"}},
		},
		{
			name: "a passive cue names no speaker",
			text: "Anna Berg spoke first. The new rule, which is widely criticized as “a tax on the poor”, takes effect in May.",
			want: []want{{"a tax on the poor", Term, ""}},
		},
		{
			name: "a possessive name is not the one who speaks next",
			text: "Ivanka Trump spoke on Monday about the plan.\n\nConservative economist Aparna Mathur, who studies tax policy and labor issues at a research institute in the capital, said Ivanka Trump's statement did not clarify the matter.\n\n“I do not see details,” she said.",
			want: []want{{"I do not see details,", Direct, "Aparna Mathur"}},
		},
		{
			name: "a person of a body after the cue",
			text: "“Debates happen late in the campaign,” noted NBC’s Dante Chinni.\n\n“The road stays open,” said Armenia’s Foreign Ministry.",
			want: []want{{"Debates happen late in the campaign,", Direct, "Dante Chinni"}, {"The road stays open,", Direct, "Armenia’s Foreign Ministry"}},
		},
		{
			name: "a description before the name after the cue",
			text: "“The treaty will hold,” said veteran negotiator Ilya Brandt.",
			want: []want{{"The treaty will hold,", Direct, "Ilya Brandt"}},
		},
		{
			name: "the one told is not the speaker",
			text: "Ruben Vardanyan told CBS, “We are focused on the talks.”",
			want: []want{{"We are focused on the talks.", Direct, "Ruben Vardanyan"}},
		},
		{
			name: "the subject across a relative clause, then a pronoun",
			text: "Economist Mara Lind, who has studied the trade routes of the region at a university in the north for many years, said the plan was vague.\n\n“I see no details,” she said.",
			want: []want{{"I see no details,", Direct, "Mara Lind"}},
		},
		{
			name: "a man named in the sentence before the quote",
			text: "Oleg Petrov spoke first. The delay worries Henry Crespo, head of the traders' union.\n\n“Nobody buys when the road is shut,” he said.",
			want: []want{{"Nobody buys when the road is shut,", Direct, "Henry Crespo"}},
		},
		{
			name: "a cue in a clause the sentence subordinates is another speech",
			text: "Retired Gen. Michael Ford said Samuel Ray was “absolutely right” when he said the army was tired.",
			want: []want{{"absolutely right", Fragment, "Michael Ford"}},
		},
		{
			name: "quotation running over paragraphs",
			text: "Maria Lopez, the envoy, gave a long answer.\n\n“The first point is access to the road.\n\n“The second point is the return of prisoners,” she said.",
			want: []want{{"The first point is access to the road.\n\n“The second point is the return of prisoners,", Direct, "Maria Lopez"}},
		},
		{
			name: "apostrophes are not closing marks",
			text: "Tom Baker said the plan was 'the country's best chance, and it's not too late'.",
			want: []want{{"the country's best chance, and it's not too late", Fragment, "Tom Baker"}},
		},
		{
			name: "nested quote stays inside",
			text: "“He told me ‘never again’ and left,” recalled Anna Weiss.",
			want: []want{{"He told me ‘never again’ and left,", Direct, "Anna Weiss"}},
		},
		{
			name: "an unclosed quote ends with its paragraph",
			text: "“This quote never closes, said nobody.\n\nThe next paragraph is narration. Later, Jane Hill said “the rest is intact.”",
			want: []want{
				{"This quote never closes, said nobody.", Direct, ""},
				{"the rest is intact.", Fragment, "Jane Hill"},
			},
		},
		{
			name: "a closing mark nothing opened is ignored",
			text: "The report was short.” Then Omar Khan said “we will publish it” on Friday.",
			want: []want{{"we will publish it", Fragment, "Omar Khan"}},
		},
		{
			name: "coordinated cues share the subject",
			text: "The chief negotiator, Lena Park, stressed that “dialogue is the only way” and acknowledged “difficult issues” ahead.",
			want: []want{
				{"dialogue is the only way", Fragment, "Lena Park"},
				{"difficult issues", Fragment, "Lena Park"},
			},
		},
		{
			name: "a described speaker resolves to the person",
			text: "Antony Blinken opened the round on Monday.\n\n“We are close,” the top U.S. diplomat said.",
			want: []want{{"We are close,", Direct, "Antony Blinken"}},
		},
		{
			name: "a statement speaks for whoever issued it",
			text: "The foreign ministries of both countries issued a joint statement after the talks.\n\n“The parties agreed to continue the discussions,” the statement said.",
			want: []want{{"The parties agreed to continue the discussions,", Direct, "foreign ministries"}},
		},
		{
			name: "according to",
			text: "According to the defence ministry, “no shots were fired overnight.”",
			want: []want{{"no shots were fired overnight.", Fragment, "defence ministry"}},
		},
		{
			name: "scare quote is a term",
			text: "Officials moved the «border post» two kilometres to the east.",
			want: []want{{"border post", Term, ""}},
		},
		{
			name: "French guillemets with inverted cue",
			text: "Le ministre Jean Dupont a parlé devant la presse.\n\n« Nous sommes prêts à signer », a-t-il déclaré.",
			want: []want{{"Nous sommes prêts à signer", Direct, "Jean Dupont"}},
		},
		{
			name: "German low-high marks",
			text: "Außenministerin Petra Vogel traf die Delegation.\n\n„Wir sehen Fortschritte“, sagte sie.",
			want: []want{{"Wir sehen Fortschritte", Direct, "Petra Vogel"}},
		},
		{
			name: "German reversed guillemets",
			text: "Der Sprecher Karl Ritter sagte, man habe »keine Einigung« erzielt.",
			want: []want{{"keine Einigung", Fragment, "Karl Ritter"}},
		},
		{
			name: "Spanish with según",
			text: "Según la portavoz Ana Ruiz, «el acuerdo está cerca».",
			want: []want{{"el acuerdo está cerca", Fragment, "Ana Ruiz"}},
		},
		{
			name: "Russian with dash and inverted pronoun",
			text: "Министр Сергей Орлов прибыл в Баку.\n\n«Мы готовы к переговорам», – заявил он.",
			want: []want{{"Мы готовы к переговорам", Direct, "Сергей Орлов"}},
		},
		{
			name: "Japanese corner brackets",
			text: "Prime Minister Kenji Sato said 「交渉は続く」 on Tuesday.",
			want: []want{{"交渉は続く", Fragment, "Kenji Sato"}},
		},
		{
			name: "Nordic right-right marks of the seed",
			text: "Antony Blinken has stressed that the sides made »significant progress» in talks.",
			want: []want{{"significant progress", Fragment, "Antony Blinken"}},
		},
		{
			name: "split quote with the cue in the middle",
			text: "“I have proposed,” said Blinken, “that the ministers return home.”",
			want: []want{
				{"I have proposed,", Direct, "Blinken"},
				{"that the ministers return home.", Fragment, "Blinken"},
			},
		},
		{
			name: "same paragraph continues the speaker",
			text: "“We met for four days,” said Rosa Diaz. “Nothing is agreed until everything is agreed.”",
			want: []want{
				{"We met for four days,", Direct, "Rosa Diaz"},
				{"Nothing is agreed until everything is agreed.", Direct, "Rosa Diaz"},
			},
		},
		{
			name: "dash signature",
			text: "“The border must be opened now.” ― Lara Croft\n\n“We cannot wait another winter.” ― Ivo Pranjic",
			want: []want{
				{"The border must be opened now.", Direct, "Lara Croft"},
				{"We cannot wait another winter.", Direct, "Ivo Pranjic"},
			},
		},
		{
			name: "gender keeps she off the man",
			text: "Hillary Clinton met Donald Trump on stage. Mr. Trump spoke first.\n\n“It was a tough night,” she said.",
			want: []want{{"It was a tough night,", Direct, "Hillary Clinton"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("found %d quotations, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Text != w.text || g.Kind != w.kind {
					t.Errorf("quote %d: %q (%s), want %q (%s)", i, g.Text, g.Kind, w.text, w.kind)
				}
				if w.speaker == "" && g.Speaker != "" && w.kind == Term {
					t.Errorf("quote %d: term has speaker %q", i, g.Speaker)
				}
				if w.speaker == nobody && g.Speaker != "" {
					t.Errorf("quote %d %q: speaker %q, want none", i, g.Text, g.Speaker)
				}
				if w.speaker != "" && w.speaker != nobody && !strings.Contains(g.Speaker, w.speaker) {
					t.Errorf("quote %d %q: speaker %q, want %q (cue %q)", i, g.Text, g.Speaker, w.speaker, g.Cue)
				}
				checkOffsets(t, tt.text, g)
			}
		})
	}
}

// checkOffsets: the offsets lie in the text and Text is exactly that slice.
func checkOffsets(t *testing.T, text string, q Quote) {
	t.Helper()
	rs := []rune(text)
	if q.Start < 0 || q.End < q.Start || q.End > len(rs) {
		t.Fatalf("offsets %d:%d outside a text of %d code points", q.Start, q.End, len(rs))
	}
	if string(rs[q.Start:q.End]) != q.Text {
		t.Fatalf("text %q is not the slice %d:%d (%q)", q.Text, q.Start, q.End, string(rs[q.Start:q.End]))
	}
}

// TestSeedArticle: every quoted span of the seed article but the scare quote
// «border post» is a statement, with Blinken or the two ministries as the
// speaker the article gives.
func TestSeedArticle(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/seeds/000_ae87fe5d99530c44.txt")
	if os.IsNotExist(err) {
		t.Skip("seed article not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	got := Extract(string(raw))
	if len(got) != 21 {
		t.Fatalf("%d quotations, want 21", len(got))
	}
	for i, q := range got {
		checkOffsets(t, string(raw), q)
		switch {
		case q.Text == "border post":
			if q.Kind != Term {
				t.Errorf("«border post» is %s, want term", q.Kind)
			}
		case i >= 17:
			if !q.IsStatement() || !strings.Contains(q.Speaker, "foreign ministries of Armenia and Azerbaijan") {
				t.Errorf("%q: %s by %q, want the two foreign ministries", q.Text, q.Kind, q.Speaker)
			}
		default:
			if !q.IsStatement() || q.Speaker != "Antony Blinken" {
				t.Errorf("%q: %s by %q, want Antony Blinken", q.Text, q.Kind, q.Speaker)
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“Hello,” he said.", "«Oui», a-t-il dit.", "„Ja“, sagte er.", "'don't' 'x", "»a» »b«", "“\n\n“x”",
		"«\u00a0x\u00a0»", "Mr. A. B. said: “Q.” ― C D", "「x」『y』", "\"\"''“”‘’«»„‚",
		"Bei X sagte er: „Q.“", "„Q“, hatte A B erklärt.", "A, \"Q\" dedi.B", "«Q», — цитирует ТАСС А Б.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		// All cues, and the languages whose rules differ: German verb
		// second, Turkish verb final, Russian quoting verbs.
		for _, lang := range []string{"", "de", "tr", "ru"} {
			for _, q := range ExtractIn(text, lang) {
				checkOffsets(t, text, q)
				if q.Kind != Direct && q.Kind != Fragment && q.Kind != Term {
					t.Fatalf("kind %q", q.Kind)
				}
			}
		}
	})
}

// BenchmarkExtract measures throughput on news text: the seed article and
// the PolNeAR dev articles when present, else a text of our own.
func BenchmarkExtract(b *testing.B) {
	var sb strings.Builder
	if raw, err := os.ReadFile("../../../shared/seeds/000_ae87fe5d99530c44.txt"); err == nil {
		sb.Write(raw)
	}
	for _, tt := range []string{
		"Foreign Minister Ararat Mirzoyan met his counterpart on Monday.\n\n“We have agreed on several articles,” said Mirzoyan after the meeting. He added that “more work remains.”\n\n",
		"According to the defence ministry, “no shots were fired overnight.” The report called it a «border post».\n\n",
	} {
		for range 20 {
			sb.WriteString(tt)
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
}

// BenchmarkExtractNews runs over the 84 PolNeAR dev articles one by one, as
// imports do: real news density of quotations and names.
func BenchmarkExtractNews(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(polnearDir, "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("PolNeAR dev split not present")
	}
	var texts []string
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			Extract(t)
		}
	}
}

// BenchmarkExtractQuoteMarks reads text that is nothing but quote marks
// and short quotations, 32,000 of each in one sentence: the time per byte
// must stay that of 2,000 (go test -bench QuoteMarks shows both).
func BenchmarkExtractQuoteMarks(b *testing.B) {
	for _, n := range []int{2000, 32000} {
		for _, unit := range []string{`"`, "“a” "} {
			text := strings.Repeat(unit, n)
			b.Run(fmt.Sprintf("%q×%d", unit, n), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Extract(text)
				}
			})
		}
	}
}

package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// languageFixtures are short news articles we wrote, one set per language,
// each article exercising the constructions that language attributes
// speech with (cue before or after the quotation, inverted, a dash or a
// colon, "according to X", a headline quotation, a pronoun). The people in
// them are invented. Each wanted quotation names a word of its speaker.
type labelled struct {
	quote, speaker string
}

type fixtureArticle struct {
	name, text string
	want       []labelled
}

var languageFixtures = map[string][]fixtureArticle{
	"en": {
		{"a list under the sentence that introduces it", `Three demands

Daniel Okafor, the mediator, told reporters on Friday:

• "The corridor must stay open at all hours."

• "Both sides must release their detainees."

- "The border commissions must meet before June."`,
			[]labelled{{"The corridor must stay open at all hours.", "Okafor"}, {"Both sides must release their detainees.", "Okafor"}, {"The border commissions must meet before June.", "Okafor"}}},
		{"a quotation over two paragraphs, a colon heading, an outlet", `Okafor: "We are close"

"The two sides have agreed on the sequence of the next steps.

"What remains is the wording of two articles," Daniel Okafor said on Thursday, according to The Daily Ledger.`,
			// A quotation that runs on into the next paragraph, reopened
			// there, is one statement.
			[]labelled{{"We are close", "Okafor"}, {"The two sides have agreed on the sequence of the next steps.\n\n\"What remains is the wording of two articles,", "Okafor"}}},

		{"sources described, not named", `Convoy reaches the town

"The convoy passed the checkpoint without incident," officials said on Tuesday. Helen Marsh, a spokeswoman for the mission, confirmed it had arrived.

"We unloaded the flour before dark," aid workers told reporters.

"The road will stay open tonight," a police source said.`,
			// A description stays the speaker as the text gives it; it
			// does not carry on the speaker before it.
			[]labelled{{"The convoy passed the checkpoint without incident,", "officials"}, {"We unloaded the flour before dark,", "aid workers"}, {"The road will stay open tonight,", "police source"}}},
		{"cue after, inverted, pronoun", `Talks resume in Geneva

Negotiators met again on Tuesday. "We have narrowed the gaps on the border map," said Daniel Okafor, the mediator. "Nothing is agreed until everything is agreed," he added.

Helen Marsh, a spokeswoman for the mission, told reporters: "The next round will be in May."`,
			[]labelled{{"We have narrowed the gaps on the border map,", "Okafor"}, {"Nothing is agreed until everything is agreed,", "Okafor"}, {"The next round will be in May.", "Marsh"}}},
		{"according to, headline with a dash", `"A peace treaty is within reach" – Okafor

According to Daniel Okafor, "the hardest questions are behind us."

Helen Marsh was more careful. "There is still work to do," Marsh said.`,
			[]labelled{{"A peace treaty is within reach", "Okafor"}, {"the hardest questions are behind us.", "Okafor"}, {"There is still work to do,", "Marsh"}}},
		{"a person of a body, a delegate's title", `Water deal signed

"The deal is fair," said Nora Baptiste, a lawyer for the River Council. "It was the least bad outcome," Ms. Baptiste of the River Council said later.

Del. Marcus Reyes (D-Norfolk) disagreed. "We can do better," Del. Reyes said.`,
			[]labelled{{"The deal is fair,", "Nora Baptiste"}, {"It was the least bad outcome,", "Nora Baptiste"}, {"We can do better,", "Marcus Reyes"}}},
	},
	"de": {
		{"a list under the sentence that introduces it", `Weber nannte drei Bedingungen

Der Vermittler Jonas Weber sagte vor Journalisten:

• „Die Grenze muss geöffnet werden.“

• „Die Gefangenen müssen frei kommen.“`,
			[]labelled{{"Die Grenze muss geöffnet werden.", "Weber"}, {"Die Gefangenen müssen frei kommen.", "Weber"}}},
		{"a description as speaker, separable and prepositional cues, names in marks", `Grenzgespräche vertagt

Ein Sprecher des Ministeriums gab an, dass „keine Einigung über die Karte“ erzielt worden sei. Die Vermittlerin Anna Richter schloss sich dieser Sicht mit den Worten an: „Wir brauchen noch eine Runde.“

Die Beobachter der Mission werfen beiden Seiten vor: „Die Zusagen vom Frühjahr wurden nicht eingehalten.“ Richter sagte der Tageszeitung „Neue Grenzpost“, das Treffen sei dennoch nützlich gewesen. Sie sprach mit der „Baltic Times“ über die nächsten Schritte.`,
			[]labelled{{"keine Einigung über die Karte", "Ein Sprecher des Ministeriums"}, {"Wir brauchen noch eine Runde.", "Richter"},
				{"Die Zusagen vom Frühjahr wurden nicht eingehalten.", "Die Beobachter"}}},
		{"a passive with its agent, sie after a sentence about something", `Waffenruhe bestätigt

Die Waffenruhe wurde am Abend von einer Sprecherin der Armee bestätigt. Sie sagte: „Die Truppen bleiben in ihren Stellungen.“

Die Schriftstellerin Lena Hartmann bekam den Friedenspreis der Stadt. Der Gewinn des Preises überraschte die Autorin. Sie sagte: „Damit habe ich nicht gerechnet.“`,
			// The spokeswoman is the agent of the passive, not the ceasefire;
			// the prize does not speak.
			[]labelled{{"Die Truppen bleiben in ihren Stellungen.", "Sprecherin"}, {"Damit habe ich nicht gerechnet.", "Hartmann"}}},
		{"a name set between commas, a noun before a surname", `Brücke wieder offen

Der Ingenieur Stefan Lorenz leitete die Arbeiten an der Brücke. Seine Kollegin und Stellvertreterin im Bauamt der Stadt, Mira Sander, urteilte, die Brücke sei „sicherer als je zuvor“.

Der Brückenbauer Lorenz ist gebürtiger Dresdner. In einem Interview mit dem Stadtfunk erklärte er: „Die Pfeiler tragen das Doppelte.“`,
			// The name between the commas is the subject the description
			// before it introduces; the noun before the surname is no name.
			[]labelled{{"sicherer als je zuvor", "Sander"}, {"Die Pfeiler tragen das Doppelte.", "Stefan Lorenz"}}},
		{"a subject after an adverb and the verb, er after the verb", `Streit um das Grenzgesetz

Die Abgeordnete Petra Lang kritisierte den Entwurf. „Das geht zu weit“, sagte sie.

Unterdessen verteidigte der Vorsitzende des Ausschusses, Tomas Berger, den Entwurf. Er bezeichnete die neuen Befugnisse als „maßvoll“. Die Vorwürfe der Opposition, das Gesetz gefährde die Grundrechte, nannte er „haltlos und durchsichtig“.

„Er hört zu, aber er gibt nicht nach“, so beschrieb ihn die Vermittlerin Anna Richter.`,
			[]labelled{{"Das geht zu weit", "Lang"}, {"maßvoll", "Berger"}, {"haltlos und durchsichtig", "Berger"},
				{"Er hört zu, aber er gibt nicht nach", "Richter"}}},
		{"fragments in a clause: sprechen von, zurückweisen als, a closing participle", `Streit um die Grenzbrücke

Händler sprachen am Morgen von „Panikverkäufen“. Der Betreiber Lukas Brandt wies alle Vorwürfe als „haltlos“ zurück.

Die Ministerin Clara Vogt hatte die Zustimmung ihrer Regierung zu dem Plan „trotz einiger Bedenken“ bekanntgegeben.

Der Gesandte Tomas Koval reagierte gelassen: Mit den Worten „Die nächste Runde wird entscheiden“, richtete er den Blick nach vorn.`,
			[]labelled{{"Panikverkäufen", "Händler"}, {"haltlos", "Brandt"}, {"trotz einiger Bedenken", "Vogt"},
				{"Die nächste Runde wird entscheiden", "Koval"}}},
		{"laut, zufolge, a news agency quoting", `Weber: „Wir sind nah dran“

Laut Anna Richter ist die Lage „ernst, aber lösbar“. Die Agentur dpa zitierte Jonas Weber mit den Worten: „Die Grenze wird im Sommer geöffnet.“`,
			[]labelled{{"Wir sind nah dran", "Weber"}, {"ernst, aber lösbar", "Richter"}, {"Die Grenze wird im Sommer geöffnet.", "Weber"}}},

		{"so X, sagte X, Doppelpunkt", `Gespräche in Genf fortgesetzt

Die Delegationen trafen sich am Dienstag erneut. „Wir haben die Differenzen bei der Grenzkarte verringert“, sagte der Vermittler Jonas Weber. „Nichts ist vereinbart, solange nicht alles vereinbart ist“, so Weber.

Die Außenministerin Anna Richter erklärte: „Die nächste Runde findet im Mai statt.“`,
			[]labelled{{"Wir haben die Differenzen bei der Grenzkarte verringert", "Weber"}, {"Nichts ist vereinbart, solange nicht alles vereinbart ist", "Weber"}, {"Die nächste Runde findet im Mai statt.", "Richter"}}},
		{"verb second after an adverbial, a closing participle", `Unterdessen äußerte sich Anna Richter zurückhaltend: „Es bleibt viel zu tun.“

„Ein Friedensvertrag ist in Reichweite“, hatte Jonas Weber am Montag erklärt. Bei einem Treffen in Bern sagte er: „Die schwierigsten Fragen liegen hinter uns.“`,
			[]labelled{{"Es bleibt viel zu tun.", "Richter"}, {"Ein Friedensvertrag ist in Reichweite", "Weber"}, {"Die schwierigsten Fragen liegen hinter uns.", "Weber"}}},
		{"sentence adverbs before the verb are no speakers", `Zur Lage an der Grenze sagte der Beobachter Paul Lang: „Es ist ruhig geblieben.“

Demgegenüber erklärte die Sprecherin Eva Brandt: „Wir haben Schüsse gehört.“`,
			[]labelled{{"Es ist ruhig geblieben.", "Lang"}, {"Wir haben Schüsse gehört.", "Brandt"}}},
	},
	"fr": {
		{"a dash after the quotation, a pronoun inverted", `« La frontière sera rouverte au printemps » – Paul Girard

« Nous avons tenu parole », a écrit Claire Dubois sur son compte. « Les deux parties doivent maintenant avancer », a-t-elle poursuivi.`,
			[]labelled{{"La frontière sera rouverte au printemps", "Girard"}, {"Nous avons tenu parole", "Dubois"}, {"Les deux parties doivent maintenant avancer", "Dubois"}}},

		{"inverted cue, colon, selon", `Reprise des pourparlers à Genève

Les délégations se sont retrouvées mardi. « Nous avons réduit les écarts sur la carte de la frontière », a déclaré Claire Dubois, la médiatrice. « Rien n'est convenu tant que tout n'est pas convenu », a-t-elle ajouté.

Le ministre Paul Girard a affirmé : « Le prochain cycle aura lieu en mai. »`,
			[]labelled{{"Nous avons réduit les écarts sur la carte de la frontière", "Dubois"}, {"Rien n'est convenu tant que tout n'est pas convenu", "Dubois"}, {"Le prochain cycle aura lieu en mai.", "Girard"}}},
		{"selon, estime", `Selon Paul Girard, « les questions les plus difficiles sont derrière nous ».

« Il reste beaucoup à faire », estime Claire Dubois.`,
			[]labelled{{"les questions les plus difficiles sont derrière nous", "Girard"}, {"Il reste beaucoup à faire", "Dubois"}}},
	},
	"ru": {
		{"an en dash, a channel, an agency quoting", `Сорокин ответил критикам

«Мы не отступим от своих обязательств», – написал Илья Сорокин в своём Telegram-канале.

«Граница будет открыта к лету», — цитирует ТАСС Марию Лебедеву.`,
			[]labelled{{"Мы не отступим от своих обязательств", "Сорокин"}, {"Граница будет открыта к лету", "Лебедев"}}},

		{"dash after the quote, colon before", `Переговоры в Женеве возобновились

Делегации встретились во вторник. «Мы сократили разногласия по карте границы», — заявил посредник Илья Сорокин. «Ничего не согласовано, пока не согласовано всё», — добавил он.

Министр Мария Лебедева сказала: «Следующий раунд пройдёт в мае».`,
			[]labelled{{"Мы сократили разногласия по карте границы", "Сорокин"}, {"Ничего не согласовано, пока не согласовано всё", "Сорокин"}, {"Следующий раунд пройдёт в мае", "Лебедева"}}},
		{"по словам, как заявил, headline with a colon", `Сорокин: «Мирный договор близок»

По словам Марии Лебедевой, «самые трудные вопросы остались позади».

Как заявил Илья Сорокин, «работы ещё много».`,
			[]labelled{{"Мирный договор близок", "Сорокин"}, {"самые трудные вопросы остались позади", "Лебедев"}, {"работы ещё много", "Сорокин"}}},
	},
	"tr": {
		{"a participle before the speaker, dedi with no space", `Görüşmeyi değerlendiren Zeynep Arslan, "Süreç doğru yolda" dedi.Arslan ayrıca yeni bir tur için tarih vermedi.

Açıklamayı yapan Emre Kaya da "Sabırlı olmalıyız" diye ekledi.`,
			[]labelled{{"Süreç doğru yolda", "Arslan"}, {"Sabırlı olmalıyız", "Kaya"}}},

		{"speaker, quotation, cue", `Cenevre'de müzakereler yeniden başladı

Heyetler salı günü yeniden bir araya geldi. Arabulucu Emre Kaya, "Sınır haritasındaki farklılıkları azalttık" dedi. Kaya, "Her şey üzerinde anlaşılmadıkça hiçbir şey kararlaştırılmış değildir" ifadelerini kullandı.

Dışişleri Bakanı Zeynep Arslan açıklamasında, "Bir sonraki tur mayısta yapılacak" diye konuştu.`,
			[]labelled{{"Sınır haritasındaki farklılıkları azalttık", "Kaya"}, {"Her şey üzerinde anlaşılmadıkça hiçbir şey kararlaştırılmış değildir", "Kaya"}, {"Bir sonraki tur mayısta yapılacak", "Arslan"}}},
		{"colon before", `Zeynep Arslan şunları söyledi: "En zor sorunları geride bıraktık."

Emre Kaya ise "Daha yapılacak çok iş var" dedi.`,
			[]labelled{{"En zor sorunları geride bıraktık.", "Arslan"}, {"Daha yapılacak çok iş var", "Kaya"}}},
	},
	"az": {
		{"deyə, bildirib", `Cenevrədə danışıqlar bərpa olunub

Nümayəndə heyətləri çərşənbə axşamı yenidən görüşüb. "Sərhəd xəritəsi üzrə fikir ayrılıqlarını azaltmışıq", - deyə vasitəçi Leyla Məmmədova bildirib.

Nazir Rauf Həsənov qeyd edib: "Növbəti raund may ayında keçiriləcək."`,
			[]labelled{{"Sərhəd xəritəsi üzrə fikir ayrılıqlarını azaltmışıq", "Məmmədova"}, {"Növbəti raund may ayında keçiriləcək.", "Həsənov"}}},
	},
	"hy": {
		{"dash after, colon before", `Ժնևում բանակցությունները վերսկսվել են

Պատվիրակությունները հանդիպել են երեքշաբթի։ «Մենք կրճատել ենք տարաձայնությունները սահմանի քարտեզի շուրջ», — ասաց միջնորդ Նարեկ Ավետիսյանը։

Նախարար Անահիտ Գրիգորյանը հայտարարեց. «Հաջորդ փուլը տեղի կունենա մայիսին»։`,
			[]labelled{{"Մենք կրճատել ենք տարաձայնությունները սահմանի քարտեզի շուրջ", "Ավետիսյան"}, {"Հաջորդ փուլը տեղի կունենա մայիսին", "Գրիգորյան"}}},
	},
}

// TestLanguageFixtures scores quotation and speaker per language on the
// fixtures, prints the table, and holds each language to what it reaches.
func TestLanguageFixtures(t *testing.T) {
	type tally struct{ gold, pred, matched, speakerRight int }
	results := map[string]*tally{}
	for lang, articles := range languageFixtures {
		tl := &tally{}
		results[lang] = tl
		for _, a := range articles {
			got := ExtractIn(a.text, lang)
			used := make([]bool, len(a.want))
			tl.gold += len(a.want)
			for _, q := range got {
				if !q.IsStatement() {
					continue
				}
				tl.pred++
				hit := -1
				for i, w := range a.want {
					if !used[i] && norm(w.quote) == norm(q.Text) {
						hit = i
						break
					}
				}
				if hit < 0 {
					t.Logf("%s %s: not wanted: %q (speaker %q)", lang, a.name, q.Text, q.Speaker)
					continue
				}
				used[hit] = true
				tl.matched++
				if strings.Contains(strings.ToLower(q.Speaker), strings.ToLower(a.want[hit].speaker)) {
					tl.speakerRight++
				} else {
					t.Logf("%s %s: %q: speaker %q, want %q", lang, a.name, q.Text, q.Speaker, a.want[hit].speaker)
				}
			}
			for i, w := range a.want {
				if !used[i] {
					t.Logf("%s %s: missed %q", lang, a.name, w.quote)
				}
			}
		}
	}
	langs := make([]string, 0, len(results))
	for l := range results {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var table strings.Builder
	table.WriteString("language  quotations  quote F1  speaker accuracy\n")
	for _, l := range langs {
		r := results[l]
		p, rc := ratio(r.matched, r.pred), ratio(r.matched, r.gold)
		f := 0.0
		if p+rc > 0 {
			f = 2 * p * rc / (p + rc)
		}
		acc := ratio(r.speakerRight, r.matched)
		fmt.Fprintf(&table, "%-8s  %10d  %8.2f  %16.2f\n", l, r.gold, f, acc)
		if f < 0.95 || acc < 0.95 {
			t.Errorf("%s: quote F1 %.2f, speaker accuracy %.2f; both must be at least 0.95", l, f, acc)
		}
	}
	t.Log("\n" + table.String())
}

// TestTheLanguageChoosesTheCues: German "so" after a quotation names its
// speaker in a German article and nowhere else, where "so" is a word of
// another kind.
func TestTheLanguageChoosesTheCues(t *testing.T) {
	text := "Die Runde endete spät. „Wir sind nah dran“, so Weber.\n"
	for _, tt := range []struct {
		lang, speaker string
	}{{"de", "Weber"}, {"de-AT", "Weber"}, {"en", ""}, {"", ""}} {
		qs := ExtractIn(text, tt.lang)
		if len(qs) != 1 || qs[0].Speaker != tt.speaker {
			t.Errorf("read as %q: %+v, want the speaker %q", tt.lang, qs, tt.speaker)
		}
	}
}

package extract

import (
	"slices"
	"strings"
)

// subjectsIn lists the people that sentences of paragraph p are about: the
// name before every attribution cue, and names that open a sentence.
// Pronouns resolve to the nearest one. Paragraphs are read on first need,
// only around pronouns, and what they teach about gender is kept.
func (d *doc) subjectsIn(p int) []spoken {
	if d.subjects == nil {
		d.subjects = make([][]spoken, len(d.paraStart))
		d.subjectsDone = make([]bool, len(d.paraStart))
	}
	if d.subjectsDone[p] {
		return d.subjects[p]
	}
	d.subjectsDone[p] = true
	from := tokenAt(d.toks, d.paraStart[p])
	to := len(d.toks)
	if p+1 < len(d.paraStart) {
		to = tokenAt(d.toks, d.paraStart[p+1])
	}
	var out []spoken
	for k := from; k < to; k++ {
		t := d.toks[k]
		if t.is(tInQuote) || !t.is(tWord) {
			continue
		}
		var a, b int
		var ok, cueSubject, adjacent bool
		switch {
		case d.cueAt(k, len(d.toks)) > 0 && !t.is(tPrep) && !d.cueIsNoun(k) && !d.gerundAfterPreposition(k):
			lo := k
			for lo > from && k-lo < 40 && !d.toks[lo-1].is(tSentEnd) {
				lo--
			}
			// "Aparna Mathur, who studies …, said": the subject across a
			// relative clause; "noted NBC's Dante Chinni.": after the cue.
			a, b, ok = d.subjectOf(k, lo)
			if d.lang == "de" {
				a, b, ok = d.germanSubject(k, lo, to)
			}
			// "Conservative economist Aparna Mathur, who …, said".
			if ok && b-a == 1 && !d.namesPerson(a) {
				if na, nb, nok := d.describedName(b, k); nok {
					a, b = na, nb
				}
			}
			j := k - 1
			for j > a && d.toks[j].is(tWord) && skipBeforeCue[d.lw(d.toks[j])] {
				j--
			}
			adjacent = ok && j == b-1
			if !ok || !d.toks[a].is(tCap) {
				n := d.cueAt(k, len(d.toks))
				a, b, ok = d.npAfter(k+n, to)
				ok = ok && b < len(d.toks) && d.toks[b].is(tSentEnd)
			}
			cueSubject = true
		case d.lang == "de" && d.sentenceInitial(k) && germanPrefieldOpeners[d.lw(t)] && k+2 < to &&
			d.toks[k+1].is(tWord) && !d.toks[k+1].is(tCap) && !germanArticles[d.lw(d.toks[k+1])] &&
			!determiners[d.lw(d.toks[k+1])]:
			// "Unterdessen verteidigte der Vorsitzende …, Sebastian Edathy,
			// den Entwurf": after an adverb the verb, then the subject.
			s := k + 2
			if d.lw(d.toks[s]) == "sich" {
				s++
			}
			a, b, ok = d.speakerAfter(s, to)
			// "der Vorsitzende des Ausschusses, Sebastian Edathy,": the
			// name set beside the description.
			if ok && b+1 < to && d.punctIs(b, ",") && d.toks[b+1].is(tCap) {
				if na, nb, nok := d.npAfter(b+1, to); nok && nb-na >= 2 {
					a, b = na, nb
				}
			}
		case d.sentenceInitial(k) && t.is(tCap) && !capitalStops[d.lw(t)] && !introWords[d.lw(t)]:
			a, b, ok = d.npAfter(k, to)
			if ok && d.lang == "de" {
				// German writes its nouns in capitals: the first other
				// word after the article is the verb ("Der Gesandte Tomas
				// Koval reagierte").
				b = min(b, d.germanFiniteVerb(a, b))
				ok = b > a
			}
			// "Conservative economist Aparna Mathur": past the description,
			// but not past a verb: "Quinn openly admires Minister Ivo Dane".
			if ok && b-a == 1 && !d.namesPerson(a) {
				if na, nb, nok := d.describedName(b, to); nok {
					a, b = na, nb
				}
			}
		case d.sentenceInitial(k) && t.is(tCap) && introWords[d.lw(t)]:
			// "On Monday night, Clinton leaned in": past the opening phrase.
			a, b, ok = d.sentenceSubject(k, to)
		}
		if !ok || !d.toks[a].is(tCap) {
			continue
		}
		// "Ohio Democratic Party Chairman David Pepper": the name is what
		// follows the last title.
		titled := d.toks[a].is(tTitle)
		for j := b - 2; j > a; j-- {
			if d.toks[j].is(tTitle) && d.toks[j+1].is(tCap) || d.punctIs(j, ".") && d.toks[j-1].is(tTitle) && d.toks[j+1].is(tCap) {
				a, titled = j+1, true
				break
			}
		}
		if d.lang == "de" {
			a = d.germanNameAfterDescription(a, b)
		}
		words := stripTitles(d.appendWords(make([]string, 0, b-a), a, b))
		if _, pro := pronouns[words[0]]; pro && len(words) == 1 {
			continue // "He added": the pronoun is what is being resolved
		}
		// One word is a person when other names end with it, or when it
		// speaks and the text never writes it in lower case ("McLenney said").
		// Or when it has been quoted before: "Clinton said." far above.
		if !d.personLike(words) || len(words) == 1 && !d.knownSurname(words[0]) && !(cueSubject && adjacent && !d.lowerSeen(words[0])) && !d.quotedBefore(words[0], d.toks[a].start) {
			continue
		}
		// A name that opens a sentence without speaking needs more to be a
		// person than its capitals: "New York" opens sentences too.
		if !cueSubject && d.genderOf(d.tokText(a, b)) == anyGender && d.lowerSeen(words[0]) {
			continue
		}
		// German writes every noun in capitals: "Der Gewinn des Preises
		// überraschte die Autorin" opens with no one, and the gender of its
		// article is no person's.
		if !cueSubject && d.lang == "de" && !titled && !d.germanNamesPerson(words) {
			continue
		}
		s := spoken{at: d.toks[a].start, name: d.fullest(words, d.tokText(a, b)), person: true}
		out = append(out, s)
		d.learnGenderAfter(b, s.name)
	}
	d.subjects[p] = out
	return out
}

// germanNameAfterDescription is where the name starts in [a, b) when the
// phrase opens with an article and ends with a surname the text gives
// after a given name: past the words before it that are no first names
// ("Der Deutsche Ziemendorff" is Ziemendorff when the text has Stefan
// Ziemendorff; "Die Schriftstellerin Kathrin Passig" is Kathrin Passig).
func (d *doc) germanNameAfterDescription(a, b int) int {
	if b-a < 3 || !germanArticles[d.lw(d.toks[a])] || !d.givenAfterName(d.toks[b-1].h) {
		return a
	}
	k := a + 1
	for k < b-1 && !firstName(d.lw(d.toks[k])) {
		k++
	}
	return k
}

// germanNamesPerson: a German noun phrase names a person when it holds a
// first name or ends with a surname the text gives after a given name
// ("Die Schriftstellerin Kathrin Passig", "Passig"; not "Der Gewinn des
// Preises", though German writes it in capitals too).
func (d *doc) germanNamesPerson(words []string) bool {
	return slices.ContainsFunc(words, firstName) || d.givenAfterName(wordHash(words[len(words)-1]))
}

// givenAfterName: the text writes the word of hash h after a given name,
// as a surname: a first name, or a word it writes in capitals where no
// sentence starts ("Tomas Koval"), not after an article or a joiner
// ("Gewinn des Preises") nor at a sentence's start ("Anerkannte
// Regelungen", an adjective German writes in capitals only there).
func (d *doc) givenAfterName(h uint64) bool {
	if known, done := d.givenAfter[h]; done {
		return known
	}
	if d.givenAfter == nil {
		d.givenAfter = map[uint64]bool{}
	}
	d.givenAfter[h] = d.findGivenAfterName(h)
	return d.givenAfter[h]
}

func (d *doc) findGivenAfterName(h uint64) bool {
	for _, e := range d.namesEndingWith(h) {
		m := d.names[e.i]
		if m.b-2 < m.w0 {
			continue
		}
		g := d.toks[m.b-2]
		if w := d.lw(g); firstName(w) || g.is(tWord) && g.is(tCap) && !d.sentenceInitial(m.b-2) && !germanArticles[w] && !g.is(tJoiner) {
			return true
		}
	}
	return false
}

// namesPerson: the one capitalised word at k is a person's name on its
// own, a surname the text gives in full elsewhere or a first name.
func (d *doc) namesPerson(k int) bool {
	w := stripPoss(d.lw(d.toks[k]))
	return d.knownSurname(w) || firstName(w)
}

// firstName: w is a first name the gender lists know.
func firstName(w string) bool { return maleFirstNames[w] || femaleFirstNames[w] }

// endsLongRunWithPerson: name i is a run of more than four capitalised
// words that ends with a first name and a surname: "Senate Majority Leader
// Harry Olsen".
func (d *doc) endsLongRunWithPerson(i int) bool {
	if d.names[i].size() <= 4 {
		return false
	}
	ws := d.nameWords(i)
	return firstName(ws[len(ws)-2])
}

// quotedBefore: a person whose last name is w was found speaking before at.
func (d *doc) quotedBefore(w string, at int) bool {
	for _, s := range d.spoken {
		if s.person && s.at < at && strings.EqualFold(lastWord(s.name), w) {
			return true
		}
	}
	return false
}

// resolvePronoun: "they" is the group the sentence names; "he" or "she" the
// subject of an earlier cue in the same sentence, or else the person most
// recently quoted or written about.
func (d *doc) resolvePronoun(p pronounInfo, at int, c *candidate) (string, bool) {
	if !p.plural && c != nil {
		// "Clinton says she appreciated … what she calls “…”"
		for k := c.sentence; k < len(d.toks) && d.toks[k].start < at; k++ {
			if d.cueAt(k, len(d.toks)) == 0 || d.toks[k].is(tPrep) {
				continue
			}
			subject := d.subjectOf
			if d.lang == "de" {
				subject = func(k, lo int) (int, int, bool) { return d.germanSubject(k, lo, len(d.toks)) }
			}
			if a, b, ok := subject(k, c.sentence); ok && d.toks[a].is(tCap) && d.toks[b-1].start < at {
				if _, isPro := pronouns[d.lw(d.toks[a])]; !isPro {
					name, person := d.resolve(d.tokText(a, b), d.toks[a].start, nil)
					if person && compatible(p.gender, d.genderOf(name)) {
						return name, true
					}
				}
			}
			break
		}
	}
	if p.plural {
		if c != nil {
			for k := c.sentence; k < len(d.toks) && d.toks[k].start < at; k++ {
				if !d.toks[k].is(tWord) || !determiners[d.lw(d.toks[k])] || possessives[d.lw(d.toks[k])] {
					continue
				}
				if a, b, ok := d.npAfter(k, len(d.toks)); ok && b-a >= 2 && d.toks[b-1].start < at {
					return strings.TrimSpace(stripDeterminer(d.tokText(a, b))), false
				}
			}
		}
		for i := len(d.spoken) - 1; i >= 0; i-- {
			if !d.spoken[i].person {
				return d.spoken[i].name, false
			}
		}
		return "", false // "they" is no one person
	}
	para := d.paragraphOf(at)
	var best spoken
	found := false
	var near []spoken
	for q := max(0, para-4); q <= para; q++ {
		near = append(near, d.subjectsIn(q)...)
	}
	for _, list := range [][]spoken{d.spoken, near} {
		for i := len(list) - 1; i >= 0; i-- {
			s := list[i]
			if s.at < at && s.person && para-d.paragraphOf(s.at) <= 4 && compatible(p.gender, d.genderOf(s.name)) {
				if !found || s.at > best.at {
					best, found = s, true
				}
				break
			}
		}
	}
	if found {
		// Someone of the pronoun's gender named in the sentence just
		// before, after the last speaker or subject, is whom the pronoun
		// means: "… concerns Henry Crespo, head of the caucus. “…,” he said."
		// Not when the subject itself is in that sentence: "Ham made it
		// clear he had misgivings under President Obama. “…,” he told
		// the host." is Ham speaking.
		if prev := d.previousSentenceStart(at); p.gender != anyGender && best.at < prev {
			if name, pos := d.lastNamedPerson(p, at); pos > best.at && d.genderOf(name) == p.gender && pos >= prev {
				return name, true
			}
		}
		return best.name, true
	}
	name, _ := d.lastNamedPerson(p, at)
	return name, name != ""
}

// previousSentenceStart is the rune offset where the sentence before the
// one holding at begins.
func (d *doc) previousSentenceStart(at int) int {
	k := tokenAt(d.toks, at)
	for ends := 0; k > 0; k-- {
		if d.toks[k-1].is(tSentEnd) || d.toks[k].is(tParaStart) {
			if ends++; ends == 2 {
				break
			}
		}
	}
	if k >= len(d.toks) {
		return at
	}
	return d.toks[k].start
}

// lastNamedPerson is the most recently named person before at, and where:
// a name of two or three words, or one word after a title ("President
// Obama"), that the text shows to be a person: a known first name, a
// title, or a pronoun said of it. "New York" and "Pacific Ocean" are names
// too.
func (d *doc) lastNamedPerson(p pronounInfo, at int) (string, int) {
	for i := len(d.names) - 1; i >= 0; i-- {
		m := d.names[i]
		if m.at >= at || d.toks[m.b-1].is(tPoss) {
			continue // "Ivanka Trump's statement" is about the statement
		}
		titled := m.w0 > m.a && d.toks[m.w0-1].is(tTitle) || m.w0 > m.a+1 && d.punctIs(m.w0-1, ".") && d.toks[m.w0-2].is(tTitle)
		if m.size() > 3 || m.size() == 1 && !titled || !d.personLike(d.nameWords(i)) || !titled && d.placeAfterLocative(m) {
			continue
		}
		g := d.genderOf(d.nameText(m))
		words := d.nameWords(i)
		if d.lang == "de" && germanPrefieldOpeners[words[0]] {
			continue // "Mit den Worten": a preposition opens no name
		}
		if len([]rune(words[len(words)-1])) == 1 {
			// "Joseph R." of "Joseph R. Biden": the name goes on past the initial.
			if i+1 < len(d.names) && d.names[i+1].a == m.b+1 && d.punctIs(m.b, ".") && d.names[i+1].at < at {
				if compatible(p.gender, g) {
					return displayName(d.tokText(m.w0, d.names[i+1].b)), m.at
				}
			}
			continue
		}
		plain := m.size() >= 2 && !d.lowerSeen(words[0]) && !d.lowerSeen(words[len(words)-1]) &&
			(d.lang != "de" || d.germanNamesPerson(words)) // German writes its nouns in capitals
		if (g != anyGender || titled || plain) && compatible(p.gender, g) {
			return d.fullest(d.nameWords(i), d.nameText(m)), m.at
		}
	}
	return "", -1
}

func stripDeterminer(s string) string {
	f := strings.Fields(s)
	if len(f) > 1 && determiners[strings.ToLower(f[0])] {
		return strings.Join(f[1:], " ")
	}
	return s
}

// personRoles are nouns that describe a person: "the minister", "the top
// U.S. diplomat".
var personRoles = wordSet("minister", "diplomat", "secretary", "president", "official", "spokesman", "spokeswoman",
	"spokesperson", "leader", "senator", "candidate", "nominee", "governor", "ambassador", "envoy", "chief",
	"premier", "chancellor", "mayor", "general", "republican", "democrat", "billionaire", "businessman", "host",
	"mogul", "congressman", "congresswoman", "representative", "lawmaker", "adviser", "advisor", "aide",
	"ministre", "président", "minister", "präsident", "ministro", "presidente", "министр", "президент")

// resolveDescription: a body ("the statement") becomes who issued it; a
// definite person role ("the minister") the last person quoted; anything
// else stays as written.
func (d *doc) resolveDescription(words []string, mention string, at int) (string, bool) {
	head := words[len(words)-1]
	for i, w := range words {
		if i > 0 && (w == "of" || w == "de" || w == "and") {
			head = words[i-1] // "the former secretary of state"
			break
		}
	}
	definite := words[0] == "the" || words[0] == "le" || words[0] == "la" || words[0] == "der" || words[0] == "die" || words[0] == "el"
	if bodyNouns[head] {
		if issuer := d.issuerOf(head, at); issuer != "" {
			return issuer, false
		}
		if full := d.bodyName(head, at); full != "" {
			return full, false
		}
		return displayName(stripDeterminer(mention)), false
	}
	if definite && personRoles[head] {
		// "the president": the last person the text gave that title.
		if name := d.titledName(head, at); name != "" {
			return name, true
		}
		if name, ok := d.resolvePronoun(pronounInfo{gender: anyGender}, at, nil); ok && name != "" {
			return name, true
		}
	}
	return displayName(mention), personRoles[head]
}

// issuerOf finds "X issued a joint statement" before at and returns X.
func (d *doc) issuerOf(head string, at int) string {
	if d.issues == nil {
		// Where issuing verbs stand, found once.
		d.issues = []int{}
		for k, t := range d.toks {
			if t.is(tIssue) {
				d.issues = append(d.issues, k)
			}
		}
	}
	end := tokenAt(d.toks, at)
	for ii := len(d.issues) - 1; ii >= 0; ii-- {
		v := d.issues[ii]
		if v >= end {
			continue
		}
		k := -1
		// The body may be the mention itself: "the Security Council issued
		// a statement calling …".
		for j := v + 1; j < len(d.toks) && j <= v+4 && j < end+4; j++ {
			if d.lw(d.toks[j]) == head {
				k = j
				break
			}
		}
		if k < 0 {
			continue
		}
		lo := v
		for lo > 0 && !d.toks[lo-1].is(tSentEnd) && !d.toks[lo].is(tParaStart) {
			lo--
		}
		if a, b, ok := d.npBefore(v-1, lo); ok {
			return stripDeterminer(d.tokText(a, b))
		}
	}
	return ""
}

// bodyName finds an earlier name with the body noun in it: "Foreign
// Ministry" for "the ministry".
func (d *doc) bodyName(head string, at int) string {
	for i := len(d.names) - 1; i >= 0; i-- {
		m := d.names[i]
		if m.at < at && m.size() >= 2 && d.toks[m.b-1].h == wordHash(head) {
			return d.nameText(m)
		}
	}
	return ""
}

// knownSurname: the word ends a name of two or three words in the text.
func (d *doc) knownSurname(w string) bool {
	h := wordHash(w)
	known, done := d.surnames[h]
	if done {
		return known
	}
	for _, e := range d.namesEndingWith(h) {
		if m := d.names[e.i]; m.size() >= 2 && m.size() <= 3 && d.personLike(d.nameWords(e.i)) {
			known = true
			break
		}
		if d.endsLongRunWithPerson(e.i) {
			known = true
			break
		}
	}
	if d.surnames == nil {
		d.surnames = map[uint64]bool{}
	}
	d.surnames[h] = known
	return known
}

// titleModifiers make another title of the one after them: a vice
// president is not "the president".
var titleModifiers = wordSet("vice", "former", "deputy", "ex", "assistant", "acting", "late")

// titledName finds the last name before at written with the title word:
// "President Barack Obama" for "the president".
func (d *doc) titledName(title string, at int) string {
	h := wordHash(title)
	for i := len(d.names) - 1; i >= 0; i-- {
		m := d.names[i]
		if m.at >= at {
			continue
		}
		// The titles in the run, and a capitalised title just before it
		// that opened a sentence ("President Barack Obama responded").
		from := m.a
		for from > 0 && m.a-from < 2 && d.toks[from-1].is(tTitle) && d.toks[from-1].is(tCap) {
			from--
		}
		// The title may also stand inside what was read as the name:
		// "European Council President Charles Michel".
		for k := from; k < m.b-1; k++ {
			if d.toks[k].h != h || k > 0 && titleModifiers[d.lw(d.toks[k-1])] {
				continue
			}
			var words []string
			for j := k + 1; j < m.b; j++ {
				if d.toks[j].is(tWord) {
					words = append(words, d.lw(d.toks[j]))
				}
			}
			if words = stripTitles(words); len(words) > 0 && d.personLike(words) {
				return d.fullest(words, d.tokText(k+1, m.b))
			}
			break
		}
	}
	return ""
}

// appendWords appends the lower-cased words of tokens [a, b). The caller
// makes the slice, room for b-a words, so that where it does not outlive
// the call it can stay on the stack.
func (d *doc) appendWords(words []string, a, b int) []string {
	for j := a; j < b; j++ {
		if d.toks[j].is(tWord) {
			words = append(words, d.lw(d.toks[j]))
		}
	}
	return words
}

// lastWord is the last word of a name.
func lastWord(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

package extract

import "strings"

// German puts the finite verb second in a main clause. What stands before
// it (the prefield) is the subject ("Der Minister sagte: …") or something
// else: an adverbial ("Bei einem Besuch in Zacatecas verkündete er: …",
// "Ähnlich äußerte sich der Präsident: …"), an object, or a quotation
// ("„…“, hatte VW-Chef Winterkorn in einem Interview erklärt"), and then
// the subject follows the verb. A cue that closes the clause (a participle
// after hat, wird: "Sie wird mit den Worten zitiert") leaves the finite
// verb to be found before it.

// germanAuxiliaries are finite verbs a cue participle closes the clause
// of.
var germanAuxiliaries = wordSet("hat", "hatte", "haben", "hatten", "wird", "wurde", "werden", "wurden", "ist", "war",
	"sind", "waren", "habe", "hätte", "sei")

// germanPrefieldOpeners open a prefield that is not the subject:
// prepositions, adverbs and conjunctions that start a German sentence.
var germanPrefieldOpeners = wordSet("bei", "in", "im", "mit", "nach", "am", "an", "zu", "zum", "zur", "auf", "von",
	"vom", "für", "gegen", "über", "unter", "vor", "während", "wegen", "trotz", "seit", "aus", "ähnlich", "auch",
	"unterdessen", "demgegenüber", "zuvor", "danach", "dazu", "daraufhin", "deshalb", "darum", "dabei", "damals",
	"später", "zudem", "außerdem", "weiter", "ferner", "jedoch", "allerdings", "dennoch", "inzwischen", "nun",
	"jetzt", "heute", "gestern", "schon", "bereits", "so", "dort", "hier", "da", "als", "nachdem", "wie", "zunächst",
	"anschließend", "gleichzeitig", "zugleich", "ebenso", "ebenfalls", "laut", "gegenüber", "bislang", "bisher")

// nominativeOnly are the German personal pronouns that are never an
// object.
var nominativeOnly = wordSet("er", "ich", "wir", "du")

// germanPronouns can be the subject right after the verb: "sagte er".
var germanPronouns = wordSet("er", "sie", "es", "ich", "wir", "man")

// germanPassiveAgent finds who spoke in a passive clause: "Die Offensive
// wurde von einer Armeesprecherin bestätigt" is the spokeswoman's, not the
// offensive's. The cue at k is a participle, a form of werden stands
// before it in the clause from from, and the one who acts follows von.
func (d *doc) germanPassiveAgent(from, k int) (int, int, bool) {
	if w := d.lw(d.toks[k]); !strings.HasSuffix(w, "t") && !strings.HasSuffix(w, "en") {
		return 0, 0, false
	}
	passive := false
	for j := from; j < k; j++ {
		if !d.toks[j].is(tWord) {
			continue
		}
		switch w := d.lw(d.toks[j]); {
		case germanPassiveAuxiliaries[w]:
			passive = true
		case passive && (w == "von" || w == "vom"):
			if a, b, ok := d.speakerAfter(j+1, k); ok && b <= k {
				return a, b, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// germanApposedName finds a name set between commas after a description
// that opens the prefield [p, v): "Seine Parteikollegin …, Claudia Mo,
// urteilte" is Claudia Mo's. A name before the commas keeps the subject:
// "Emily Lau, die Vorsitzende der Partei, sagte".
func (d *doc) germanApposedName(p, v int) (int, int, bool) {
	if v-p < 4 || !d.punctIs(v-1, ",") || !germanDescriptionOpeners[d.lw(d.toks[p])] {
		return 0, 0, false
	}
	c := v - 2
	for c > p && !d.punctIs(c, ",") {
		c--
	}
	if c <= p || v-1-(c+1) < 1 || v-1-(c+1) > 4 {
		return 0, 0, false
	}
	for j := c + 1; j < v-1; j++ {
		if t := d.toks[j]; !t.is(tWord) || !t.is(tCap) || germanArticles[d.lw(t)] {
			return 0, 0, false
		}
	}
	return c + 1, v - 1, true
}

// germanDescriptionOpeners open a noun phrase that describes: articles and
// possessives.
var germanDescriptionOpeners = wordSet("der", "die", "das", "ein", "eine", "sein", "seine", "ihr", "ihre", "unser",
	"unsere", "dessen", "deren")

// germanPassiveAuxiliaries are the forms of werden a passive is made with.
var germanPassiveAuxiliaries = wordSet("wurde", "wurden", "worden", "wird", "werden")

// germanSubject finds the subject of the clause of the cue at token k, the
// clause starting at lo (its first token, or the first after a quotation
// when the quotation is the prefield). ok is false when the clause does not
// read as a German main clause.
func (d *doc) germanSubject(k, lo, hi int) (int, int, bool) {
	// The finite verb: an auxiliary before a closing cue, else the cue.
	// A subordinate clause in the prefield ends with a comma, and its own
	// verbs are not the main clause's.
	from := lo
	for j := k - 1; j > lo; j-- {
		if d.punctIs(j, ",:") {
			from = j + 1
			break
		}
	}
	if a, b, ok := d.germanPassiveAgent(from, k); ok {
		return a, b, true
	}
	v := k
	for j := from; j < k; j++ {
		if d.toks[j].is(tWord) && germanAuxiliaries[d.lw(d.toks[j])] {
			v = j
			break
		}
	}
	if v == k && germanPrefieldOpeners[d.lw(d.toks[k])] {
		// A cue that is no verb ("… schloss sich an mit den Worten"):
		// the finite verb stands after the prefield.
		v = d.germanFiniteVerb(from, k)
		if v == k {
			// "Mit den Worten „…“, richtete er …": the cue opens the
			// clause, the quotation stands in its prefield and the verb
			// and subject follow it; not this clause's to read.
			return 0, 0, false
		}
		if d.toks[v].is(tObject) {
			// "Die Agentur zitierte Jonas Weber mit den Worten: …"
			if a, b, ok := d.objectSpeaker(v, k); ok {
				return a, b, true
			}
		}
	}
	// "er", "ich", "wir" are only ever subjects: right after the finite
	// verb, they are the subject whatever stands before it ("Die
	// Bestrebungen der Regierung …, bezeichnete er als …").
	if v+1 < hi && nominativeOnly[d.lw(d.toks[v+1])] {
		return v + 1, v + 2, true
	}
	// The prefield: words from lo to the verb, past punctuation that
	// opens the clause.
	p := lo
	for p < v && d.toks[p].is(tPunct) && !d.toks[p].is(tQuote) {
		p++
	}
	inverted := p == v // a quotation, or nothing, before the verb
	if !inverted {
		first := d.toks[p]
		w := d.lw(first)
		switch {
		case germanPrefieldOpeners[w] || !first.is(tCap) && !germanPronouns[w]:
			inverted = true
		case v-p == 1 && germanPronouns[w]:
			return p, p + 1, true
		case d.nameClosesClause(v+1, hi):
			// "Der Zeitung sagte Filep Karma: …": a full name between
			// the verb and the colon is the subject; what came first
			// was an object.
			inverted = true
		}
	}
	if d.toks[k].is(tObject) && v == k && !inverted {
		// "Die Zeitung zitiert einen Augenzeugen mit den Worten: …":
		// the one quoted follows the verb.
		if a, b, ok := d.objectSpeaker(k, hi); ok {
			return a, b, true
		}
	}
	if !inverted {
		if a, b, ok := d.germanApposedName(p, v); ok {
			return a, b, true
		}
		// The subject opens the sentence: what the rules for English find
		// before the verb, or the prefield itself.
		if a, b, ok := d.subjectOf(v, lo); ok && a == p {
			return a, b, true
		}
		if a, b, ok := d.npAfter(p, v); ok && b <= v {
			return a, b, true
		}
		return 0, 0, false
	}
	// The subject follows the finite verb, past a reflexive sich.
	s := v + 1
	if s < hi && d.lw(d.toks[s]) == "sich" {
		s++
	}
	if s < hi && germanPronouns[d.lw(d.toks[s])] {
		return s, s + 1, true
	}
	if a, b, ok := d.speakerAfter(s, hi); ok && (d.toks[a].is(tCap) || determiners[d.lw(d.toks[a])]) {
		return a, b, true
	}
	return 0, 0, false
}

// germanFiniteVerb finds the first word from lo before hi that can be a
// finite verb: lower-case, and neither an article nor an adjective before
// its noun ("Das auswärtige Amt rät"). hi when there is none.
func (d *doc) germanFiniteVerb(lo, hi int) int {
	// A verb of saying or quoting is the verb: "Die Agentur dpa zitierte".
	for j := lo; j < hi; j++ {
		if d.toks[j].is(tObject) || d.toks[j].is(tCueWord) && !d.toks[j].is(tPrep) {
			return j
		}
	}
	for j := lo; j < hi; j++ {
		t := d.toks[j]
		if !t.is(tWord) {
			continue
		}
		w := d.lw(t)
		if t.is(tCap) || determiners[w] || germanArticles[w] {
			continue
		}
		if j+1 < hi && d.toks[j+1].is(tWord) && d.toks[j+1].is(tCap) {
			continue // an adjective before its noun
		}
		return j
	}
	return hi
}

// germanArticles are the forms of the German articles, which a noun phrase
// holds and a finite verb never is.
var germanArticles = wordSet("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen")

// nameClosesClause: from token k, two or more capitalised words and then
// a colon or a comma: a full name standing alone after the verb.
func (d *doc) nameClosesClause(k, hi int) bool {
	n := 0
	for ; k < hi && d.toks[k].is(tWord); k++ {
		if !d.toks[k].is(tCap) || determiners[d.lw(d.toks[k])] {
			return false
		}
		n++
	}
	return n >= 2 && k < hi && d.punctIs(k, ":,")
}

// germanObjectPronouns stand between a verb and its subject: "so
// charakterisierte ihn der Gewerkschafter".
var germanObjectPronouns = wordSet("ihn", "ihm", "ihr", "sie", "es", "sich", "uns", "mich", "mir", "dich", "ihnen")

// soVerbSubject reads "„…“, so charakterisierte ihn der Gewerkschafter X"
// in German: so, a verb, object pronouns, then the subject. The cue at k
// is so, n words long.
func (d *doc) soVerbSubject(k, n, end int) (int, int, bool) {
	if d.lang != "de" || d.lw(d.toks[k]) != "so" {
		return 0, 0, false
	}
	return d.subjectAfterVerb(k+n, end, true) // "so die Gewerkschaft": no verb, the subject itself
}

// subjectAfterQuote reads a German clause that goes on after the
// quotation, past a comma: its finite verb, then its subject ("…“,
// richtete er", "…“, sagte der Minister").
func (d *doc) subjectAfterQuote(c *candidate) (int, int, bool) {
	k, end := c.right[0], c.right[1]
	for k < end && d.punctIs(k, ",") {
		k++
	}
	return d.subjectAfterVerb(k, end, false)
}

// subjectAfterVerb reads the subject that follows a German finite verb at
// v, before end: er, ich or wir, or a noun phrase, past object pronouns
// when objects is set ("charakterisierte ihn der Gewerkschafter"). ok is
// false when v is no lower-case word other than an article.
func (d *doc) subjectAfterVerb(v, end int, objects bool) (int, int, bool) {
	if v+1 >= end || !d.toks[v].is(tWord) || d.toks[v].is(tCap) || determiners[d.lw(d.toks[v])] ||
		germanArticles[d.lw(d.toks[v])] {
		return 0, 0, false
	}
	s := v + 1
	if nominativeOnly[d.lw(d.toks[s])] {
		return s, s + 1, true // "sagte er"
	}
	for objects && s < end && d.toks[s].is(tWord) && germanObjectPronouns[d.lw(d.toks[s])] {
		s++
	}
	if s >= end || !d.toks[s].is(tCap) && !determiners[d.lw(d.toks[s])] {
		return 0, 0, false
	}
	return d.speakerAfter(s, end)
}

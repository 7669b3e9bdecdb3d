package extract

// Gender helps a pronoun find its person: "she" is not the Mr. Trump of the
// sentence before. It comes from titles (Mr., Mrs., Ms.), from common first
// names, and from the text itself: a person who is the subject of a cue and
// is then called "she" in the same sentence is a woman.

var maleFirstNames = wordSet("james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
	"charles", "christopher", "daniel", "matthew", "anthony", "antony", "mark", "donald", "steven", "paul", "andrew",
	"joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan",
	"jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin",
	"samuel", "gregory", "frank", "alexander", "raymond", "patrick", "jack", "dennis", "jerry", "tyler", "aaron",
	"jose", "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle", "walter", "ethan", "jeremy", "harold",
	"keith", "christian", "roger", "noah", "gerald", "carl", "terry", "sean", "austin", "arthur", "lawrence",
	"jesse", "dylan", "bryan", "joe", "jordan", "billy", "bruce", "albert", "willie", "gabriel", "logan", "alan",
	"juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent", "russell", "elijah", "louis", "bobby", "philip",
	"johnny", "barack", "bernie", "mike", "mitt", "ted", "chris", "jeb", "rudy", "newt", "bill", "tim", "tom",
	"vladimir", "sergei", "sergey", "dmitry", "ilham", "nikol", "ararat", "jeyhun", "recep", "emmanuel", "olaf",
	"boris", "rishi", "xi", "narendra", "benjamin", "ali", "hassan", "mohammed", "muhammad", "ahmed", "abdullah",
	"jean", "pierre", "françois", "francois", "nicolas", "jacques", "hans", "klaus", "wolfgang", "jürgen",
	"carlos", "luis", "miguel", "pedro", "jorge", "pablo", "alejandro", "ivan", "igor", "alexei", "mikhail",
	"jake", "marco", "rand", "lindsey", "kellyanne", "reince", "sean", "josh", "harry", "bob", "jim", "dan",
	// The region's news and its languages' own: German, French, Russian,
	// Turkish, Armenian and Azerbaijani first names.
	"stefan", "sebastian", "markus", "andreas", "martin", "tobias", "jens", "uwe", "dirk", "volker", "rainer",
	"horst", "helmut", "gerhard", "joachim", "heiko", "lars", "norbert", "friedrich", "karl", "heinz", "günter",
	"dieter", "manfred", "frank-walter", "cem", "philippe", "laurent", "olivier", "stéphane", "bruno", "gérald",
	"édouard", "nikolai", "andrei", "yuri", "oleg", "pavel", "maxim", "denis", "ahmet", "mehmet", "mustafa",
	"mevlüt", "hakan", "kemal", "murat", "emre", "ibrahim", "armen", "serzh", "levon", "ruben", "vahe", "arsen",
	"tigran", "davit", "edmon", "hikmet", "elchin", "heydar", "ramiz", "aykhan")

var femaleFirstNames = wordSet(
	// Given to both: listed in both sets, they tell nothing.
	"terry", "jordan", "taylor", "casey", "jamie", "jesse", "leslie", "robin", "dana", "alex", "chris", "pat",
	"sam", "lee", "tracy", "shannon", "morgan", "kim", "jean", "francis", "kerry", "riley", "avery",
	"mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
	"sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna",
	"michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura",
	"cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma",
	"samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria",
	"heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren",
	"joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances",
	"gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail",
	"julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie",
	"diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "hillary", "melania",
	"ivanka", "michelle", "loretta", "elizabeth", "nikki", "sarah", "kamala", "angela", "theresa", "ursula",
	"marine", "ségolène", "annalena", "giorgia", "jacinda", "liz", "condoleezza", "madeleine", "samantha",
	"huma", "donna", "debbie", "nancy", "hope", "kellyanne", "katy", "melanie", "aparna", "claire", "gwen",
	"kathrin", "katrin", "claudia", "petra", "sabine", "susanne", "stefanie", "anja", "birgit", "heidemarie",
	"renate", "monika", "karin", "brigitte", "sahra", "ricarda", "svenja", "franziska", "christiane", "anke",
	"silke", "tanja", "lena", "nina", "katja", "gabriele", "gabriela", "heike", "kerstin", "annegret", "manuela",
	"élisabeth", "anne", "sophie", "isabelle", "nathalie", "valérie", "florence", "agnès", "olga", "tatiana",
	"elena", "natalia", "svetlana", "irina", "yekaterina", "ekaterina", "valentina", "ayşe", "fatma", "zeynep",
	"emine", "elif", "meral", "ani", "lilit", "gayane", "mehriban", "leyla")

// The same lists by word hash, for reading names straight from tokens.
var (
	maleFirstHashes   = hashSetOf(maleFirstNames)
	femaleFirstHashes = hashSetOf(femaleFirstNames)
	titleGenderHashes = func() map[uint64]gender {
		m := map[uint64]gender{}
		for _, t := range []string{"mr", "monsieur", "m", "herr", "señor", "sir", "lord", "king", "prince", "father"} {
			m[wordHash(t)] = male
		}
		for _, t := range []string{"mrs", "ms", "miss", "madame", "mme", "frau", "señora", "lady", "queen", "princess"} {
			m[wordHash(t)] = female
		}
		return m
	}()
)

func hashSetOf(words map[string]bool) map[uint64]bool {
	m := make(map[uint64]bool, len(words))
	for w := range words {
		m[wordHash(w)] = true
	}
	return m
}

// genderOfName reads a name's gender from its title or first name.
func genderOfName(words []string, title string) gender {
	switch title {
	case "mr", "mr.", "monsieur", "m.", "herr", "señor", "sir", "lord", "king", "prince", "father":
		return male
	case "mrs", "mrs.", "ms", "ms.", "miss", "madame", "mme", "frau", "señora", "lady", "queen", "princess":
		return female
	}
	if len(words) >= 2 {
		switch {
		case maleFirstNames[words[0]] && !femaleFirstNames[words[0]]:
			return male
		case femaleFirstNames[words[0]] && !maleFirstNames[words[0]]:
			return female
		}
	}
	return anyGender
}

// setGender records evidence of a person's gender, keyed by last name;
// conflicting evidence leaves it unknown.
func (d *doc) setGender(key uint64, g gender) {
	if g == anyGender {
		return
	}
	clear(d.genderCache)
	if old, ok := d.genders[key]; ok && old != g {
		d.genders[key] = anyGender - 1
		return
	}
	d.genders[key] = g
}

// learnGenderAfter reads "Clinton says she …": a named subject followed in
// its sentence by a pronoun. k is the token after the name.
func (d *doc) learnGenderAfter(k int, name string) {
	for j := k; j < len(d.toks) && j < k+25; j++ {
		t := d.toks[j]
		if t.is(tSentEnd) || t.is(tParaStart) {
			return
		}
		if t.is(tInQuote) || !t.is(tPronoun) {
			continue
		}
		if p, ok := pronouns[d.lw(t)]; ok && !p.plural && p.gender != anyGender && d.lw(t) != "her" && d.lw(t) != "him" {
			if words := lowerWords(name); len(words) > 0 {
				d.setGender(wordHash(words[len(words)-1]), p.gender)
			}
			return
		}
	}
}

// learnGenders fills d.genders from titles and first names.
func (d *doc) learnGenders() {
	d.genders = map[uint64]gender{}
	d.firstName = map[uint64]uint64{}
	d.sharedLast = map[uint64]bool{}
	set := d.setGender
	for _, m := range d.names {
		last := d.toks[m.b-1].h
		if m.size() >= 2 {
			first := d.toks[m.w0].h
			if f, ok := d.firstName[last]; !ok {
				d.firstName[last] = first
			} else if f != first {
				d.sharedLast[last] = true
			}
		}
		// The title before the name, or inside its run: "Mr. Trump" is
		// tokenised Mr . Trump.
		for _, k := range []int{m.w0 - 1, m.w0 - 2} {
			if k >= 0 && (k == m.w0-1 || d.punctIs(m.w0-1, ".")) {
				if g, ok := titleGenderHashes[d.toks[k].h]; ok {
					set(last, g)
				}
			}
		}
		if m.size() >= 2 {
			first := d.toks[m.w0].h
			switch {
			case maleFirstHashes[first] && !femaleFirstHashes[first]:
				set(last, male)
			case femaleFirstHashes[first] && !maleFirstHashes[first]:
				set(last, female)
			}
		}
	}
}

// genderOf is what the text says of a person's gender.
func (d *doc) genderOf(name string) gender {
	if g, ok := d.genderCache[name]; ok {
		return g
	}
	g := d.genderOfUncached(name)
	if d.genderCache == nil {
		d.genderCache = map[string]gender{}
	}
	d.genderCache[name] = g
	return g
}

// genderOfUncached reads the evidence; it can change as paragraphs are read,
// so setGender clears the cache.
func (d *doc) genderOfUncached(name string) gender {
	words := lowerWords(name)
	if len(words) == 0 {
		return anyGender
	}
	last := wordHash(words[len(words)-1])
	// A full name whose last name others in the text share (a wife, a
	// brother) learns nothing from what was said of the last name.
	shared := len(words) >= 2 && d.sharedLast[last]
	if g, ok := d.genders[last]; ok && g >= anyGender && !shared {
		return g
	}
	return genderOfName(words, "")
}

func compatible(want, have gender) bool {
	return want == anyGender || have == anyGender || want == have
}

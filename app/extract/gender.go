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
	"jake", "marco", "rand", "lindsey", "kellyanne", "reince", "sean", "josh", "harry", "bob", "jim", "dan")

var femaleFirstNames = wordSet("mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
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
	"huma", "donna", "debbie", "nancy", "hope", "kellyanne", "katy", "melanie", "aparna", "claire", "gwen")

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
func (d *doc) setGender(key string, g gender) {
	if g == anyGender || key == "" {
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
		if t.is(tInQuote) {
			continue
		}
		if p, ok := pronouns[t.low()]; ok && !p.plural && p.gender != anyGender && t.low() != "her" && t.low() != "him" {
			if words := lowerWords(name); len(words) > 0 {
				d.setGender(words[len(words)-1], p.gender)
			}
			return
		}
	}
}

// learnGenders fills d.genders from titles and first names.
func (d *doc) learnGenders() {
	d.genders = map[string]gender{}
	set := d.setGender
	for _, m := range d.names {
		title := ""
		if m.a > 0 {
			title = d.toks[m.a-1].low()
		}
		if len(m.words) > 0 {
			set(m.words[len(m.words)-1], genderOfName(m.words, title))
		}
		// "Mr. Trump" is tokenised Mr . Trump; the title is two tokens back.
		if m.a > 1 && d.punctIs(m.a-1, ".") {
			set(m.words[len(m.words)-1], genderOfName(m.words, d.toks[m.a-2].low()))
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
	if g, ok := d.genders[words[len(words)-1]]; ok && g >= anyGender {
		return g
	}
	return genderOfName(words, "")
}

func compatible(want, have gender) bool {
	return want == anyGender || have == anyGender || want == have
}

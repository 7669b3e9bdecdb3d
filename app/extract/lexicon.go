package extract

// The word lists the extractor reads text with, besides the speech cues
// (cues/*.txt, read by cueset.go).

var pronouns = map[string]pronounInfo{
	"he": {male, false}, "she": {female, false}, "they": {anyGender, true}, "i": {anyGender, false},
	"we": {anyGender, true}, "il": {male, false}, "elle": {female, false}, "ils": {male, true}, "elles": {female, true},
	"er": {male, false}, "sie": {anyGender, false}, "él": {male, false}, "ella": {female, false},
	"ellos": {male, true}, "он": {male, false}, "она": {female, false}, "они": {anyGender, true},
	"him": {male, false}, "her": {female, false}, "them": {anyGender, true},
}

type gender int

const (
	anyGender gender = iota
	male
	female
)

type pronounInfo struct {
	gender gender
	plural bool
}

// titles precede names and are not part of them: "Secretary of State
// Antony Blinken" is Antony Blinken.
var titles = wordSet(
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.",
	"del.", "president", "vice", "secretary", "minister", "prime", "foreign", "deputy", "senator", "governor", "representative",
	"ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "mayor", "judge",
	"state", "of", "u.s.", "us", "u.n.", "un", "eu", "former", "general", "defense", "defence", "interior",
	"chief", "director", "leader", "house", "speaker", "candidate", "nominee", "democratic", "republican", "gop",
	"attorney", "sir", "lord", "lady", "king", "queen", "prince", "pope", "rev", "rev.", "father", "sheikh",
	"colonel", "col.", "lt", "lt.", "sgt.", "capt.", "adm.", "retired", "professor", "prof.", "top", "senior", "white",
	"azerbaijani", "armenian", "russian", "american", "french", "german", "british", "turkish", "iranian",
	"press", "national", "security", "adviser", "advisor", "campaign", "manager", "staff", "counsel",
	"economic", "policy", "political", "communications", "deputy", "assistant", "executive", "officer",
	"spokesperson", "rep.", "sen.", "gov.", "lt.", "gov", "ex", "ex-", "rival", "democrat", "activist",
	"lawmaker", "congressman", "congresswoman", "businessman", "billionaire", "host", "anchor", "pollster",
	"strategist", "analyst", "author", "writer", "reporter", "correspondent", "editor", "columnist", "star",
	"actor", "actress", "singer", "rapper", "comedian", "coach", "ceo", "founder", "co-founder", "owner",
	"chairman", "commissioner", "superintendent", "sheriff", "officer", "detective", "agent", "lawyer",
	"monsieur", "madame", "m.", "herr", "frau", "señor", "señora", "presidente", "ministro", "ministre", "président",
	"außenminister", "kanzler", "kanzlerin",
	"präsident", "präsidentin", "ministerpräsident", "ministerpräsidentin", "ministerin", "außenministerin",
	"innenminister", "innenministerin", "bundeskanzler", "bundeskanzlerin", "bundespräsident", "bundespräsidentin",
	"vorsitzende", "vorsitzender",
	"botschafter", "botschafterin", "bürgermeister", "bürgermeisterin", "abgeordnete", "abgeordneter", "papst",
	"professorin", "richter", "richterin", "generalsekretär", "generalsekretärin",
)

// determiners open a described speaker: "the top U.S. diplomat".
var determiners = wordSet("the", "a", "an", "another", "this", "these", "those", "his", "her", "their", "its", "my", "our", "your",
	"le", "la", "les", "un", "une", "der", "die", "das", "ein", "eine", "el", "los", "las", "una")

// nameArticles may stand before a name: "the White House".
var nameArticles = wordSet("the", "le", "la", "les", "der", "die", "das", "el", "los", "las")

// capitalStops are words that are capitalised at a sentence start but do not
// begin a name: "At Monday’s debate", "But Trump said".
var capitalStops = wordSet("at", "in", "on", "for", "but", "and", "when", "if", "after", "before", "as", "while",
	"since", "with", "by", "from", "to", "of", "so", "then", "meanwhile", "however", "yesterday", "today",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "asked", "speaking", "during",
	"although", "though", "because", "now", "also", "still", "instead", "or", "nor", "that", "this", "there",
	"here", "what", "why", "how", "where", "who", "which", "it", "we", "you", "they", "i", "a", "an",
	// Sentence adverbs and conjunctions that open a sentence in capitals.
	"once", "perhaps", "contrary", "conversely", "unless", "until", "whether", "despite", "given", "unlike",
	"amid", "among", "against", "indeed", "thus", "therefore", "moreover", "furthermore", "besides", "otherwise",
	"yet", "even", "only", "finally", "again", "either", "neither", "every", "each", "such", "no", "not",
	// Quantities that open a description: "Small groups of protesters",
	// "Many residents".
	"many", "some", "several", "few", "most", "other", "others", "small", "large", "both", "all", "dozens",
	"hundreds", "thousands", "more")

// bodyNouns make a speaker a document or an institution: "the statement
// said" names whoever issued the statement.
var bodyNouns = wordSet("statement", "declaration", "communique", "communiqué", "readout", "report", "letter",
	"release", "ministry", "government", "office", "department", "embassy", "council", "commission", "agency",
	"spokesman", "spokeswoman", "spokesperson", "campaign", "committee", "document", "text", "decree")

// issueVerbs introduce a document its subject is the speaker of.
var issueVerbs = wordSet("issued", "released", "published", "adopted", "put", "sent", "signed", "posted")

// skipBeforeCue are words between a subject and its cue: "Blinken has also
// repeatedly said".
var skipBeforeCue = wordSet("has", "have", "had", "is", "was", "were", "are", "also", "repeatedly", "once", "again",
	"then", "later", "previously", "further", "reportedly", "publicly", "already", "not", "never", "still",
	"just", "recently", "earlier", "would", "will", "could", "might", "may", "can", "did", "does", "do",
	"today", "yesterday", "tuesday", "monday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"been", "being", "had", "hat", "ha", "a", "habe", "hatte", "ha", "hab", "ne", "pas", "n'a", "haben",
	"quickly", "simply", "bluntly", "flatly", "openly", "privately", "clearly", "firmly", "strongly",
	"sarcastically", "angrily", "later", "repeatedly", "frequently", "often", "even", "only", "soon", "elsewhere")

// relativeWords start a clause inside a subject: "Blinken, who ...,".
var relativeWords = wordSet("who", "which", "qui", "quien", "который", "которая")

// abbreviations end with a period that does not end a sentence.
var abbreviations = wordSet("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "del", "col", "lt", "st", "jr", "sr",
	"inc", "co", "corp", "ltd", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "mt", "ft", "capt", "sgt", "adm", "rev", "prof", "maj", "fig", "approx", "dept", "est",
	"m", "mme", "p", "pp", "ca", "bzw", "z", "b", "usw", "sr", "sra", "av", "ул", "т", "г")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Paragraphs of our own in each language the region's news is written in,
// long enough to be told apart as a reader would.
var languageSamples = map[string]string{
	"en": "The foreign ministers met for a third day of talks on Thursday. Both delegations said that progress had been made on the text of the agreement, but that questions about the border remained open and would need more work.",
	"ru": "Министры иностранных дел встретились в четверг на третий день переговоров. Обе делегации заявили, что в работе над текстом соглашения достигнут прогресс, но вопросы о границе остаются открытыми.",
	"fr": "Les ministres des affaires étrangères se sont rencontrés jeudi pour une troisième journée de discussions. Les deux délégations ont déclaré que des progrès avaient été faits sur le texte de l'accord.",
	"de": "Die Außenminister trafen sich am Donnerstag zum dritten Verhandlungstag. Beide Delegationen erklärten, bei dem Text des Abkommens seien Fortschritte erzielt worden, Fragen zur Grenze seien aber weiter offen.",
	"tr": "Dışişleri bakanları perşembe günü üçüncü gün görüşmeleri için bir araya geldi. İki heyet de anlaşma metni üzerinde ilerleme kaydedildiğini, ancak sınır konusundaki soruların hâlâ açık olduğunu söyledi.",
	"az": "Xarici işlər nazirləri cümə axşamı danışıqların üçüncü günü üçün görüşüblər. Hər iki nümayəndə heyəti sazişin mətni üzərində irəliləyiş əldə olunduğunu, lakin sərhəd məsələlərinin hələ də açıq qaldığını bildirib.",
	"hy": "Արտաքին գործերի նախարարները հինգշաբթի օրը հանդիպեցին բանակցությունների երրորդ օրը։ Երկու պատվիրակություններն էլ հայտարարեցին, որ համաձայնագրի տեքստի վրա առաջընթաց է գրանցվել։",
}

func TestDetectLanguage(t *testing.T) {
	for want, text := range languageSamples {
		if got := DetectLanguage(text); got != want {
			t.Errorf("%s sample detected as %q", want, got)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	for _, tc := range []struct {
		lang, text, want string
	}{
		{"en", "YEREVAN, May 3, 2023 — Armenia's foreign minister said on Wednesday that talks would go on.", "2023-05-03"},
		{"ru", "МОСКВА, 3 мая 2023 года. Министр иностранных дел заявил журналистам", "2023-05-03"},
		{"fr", "Paris, le 27 septembre 2023 – Le ministre a déclaré que", "2023-09-27"},
		{"de", "Berlin, 9. August 2025. Der Außenminister sagte am Freitag", "2025-08-09"},
		{"tr", "ANKARA, 27 Eylül 2023 — Dışişleri Bakanı açıklama yaptı", "2023-09-27"},
		{"az", "Bakı, 3 may 2023 — Xarici işlər naziri bildirib", "2023-05-03"},
		{"az", "Bakı, 2023-cü il mayın 3-də. Xarici işlər naziri bildirib", "2023-05-03"},
		{"hy", "Երևան, 3 մայիսի 2023 — Արտաքին գործերի նախարարը հայտարարեց", "2023-05-03"},
		{"hy", "Երևան, 2023 թ. մայիսի 3-ին։ Արտաքին գործերի նախարարը հայտարարեց", "2023-05-03"},
		{"en", "WASHINGTON, May 2023 — Officials met again", "2023-05"},
		// A day of the week is not a dateline.
		{"en", "The ministers met on Wednesday and will meet again next week.", ""},
		{"de", "Die Minister trafen sich am Freitag.", ""},
		{"de", "Berlin (dpa) 9. August 2025 – Die Minister", "2025-08-09"},
		// A date inside a sentence is what the article is about.
		{"en", "The ministers met on 3 May 2023.", ""},
		{"en", "WASHINGTON — The talks of May 3, 2023 were long.", ""},
		{"ru", "Встреча прошла 3 мая 2023 года в Москве.", ""},
		{"en", "LONDON, 31 June 2023 — no such day", ""},
	} {
		if got := datelineDate(tc.text, tc.lang); got != tc.want {
			t.Errorf("%s %q → %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	for in, want := range map[string]string{
		"https://news.example/2023/05/03/talks-resume": "2023-05-03",
		"https://news.example/world/2023-05-03-talks":  "2023-05-03",
		"https://news.example/20230503/talks.html":     "2023-05-03",
		"https://news.example/2023/13/40/not-a-date":   "",
		"https://news.example/articles/12345678":       "",
		"":                                             "",
	} {
		if got := urlDate(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

func TestPageMetadata(t *testing.T) {
	body := "<body><article><h1>Talks resume</h1><p>" + strings.Repeat("The ministers met again and said that the talks were useful. ", 12) + "</p></article></body></html>"
	for _, tc := range []struct {
		name, head, url string
		date            string
		from            DateFrom
		byline          []string
	}{
		{"open graph", `<meta property="article:published_time" content="2023-05-03T10:00:00Z"><meta name="author" content="Ann Lee">`, "", "2023-05-03", DateFromMeta, []string{"Ann Lee"}},
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-09-27T08:00:00+02:00","author":[{"@type":"Person","name":"Jean Dupont"},{"@type":"Person","name":"Anna Weber"}]}]}</script>`, "", "2023-09-27", DateFromMeta, []string{"Jean Dupont", "Anna Weber"}},
		{"time element", `</head><body><time datetime="2025-08-09" pubdate>9 Aug</time>`, "", "2025-08-09", DateFromMeta, nil},
		{"address", `<link rel="canonical" href="https://news.example/2023/05/04/talks">`, "", "2023-05-04", DateFromURL, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Talks resume</title>" + tc.head + "</head>" + body
			doc, err := Read("a.html", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Published != tc.date || doc.DateFrom != tc.from {
				t.Errorf("date %q from %q, want %q from %q", doc.Published, doc.DateFrom, tc.date, tc.from)
			}
			if !slices.Equal(doc.Byline, tc.byline) {
				t.Errorf("byline %q, want %q", doc.Byline, tc.byline)
			}
		})
	}
}

func TestTextBylineAndDateline(t *testing.T) {
	text := "Talks resume in Virginia\n\nBy Ann Lee and Bo Park\n\nARLINGTON, May 3, 2023 — \"We are close,\" the minister said."
	doc, err := Read("a.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Byline, []string{"Ann Lee", "Bo Park"}) {
		t.Errorf("byline %q", doc.Byline)
	}
	if doc.Published != "2023-05-03" || doc.DateFrom != DateFromText || doc.Language != "en" {
		t.Errorf("date %q from %q, language %q", doc.Published, doc.DateFrom, doc.Language)
	}
	undated, err := Read("b.txt", []byte("\"We are close,\" the minister said on Wednesday."))
	if err != nil {
		t.Fatal(err)
	}
	if undated.Published != "" {
		t.Errorf("an undated text got the date %q", undated.Published)
	}
}

// TestPolNeARDates reports how many of the PolNeAR development articles get
// a date, and from where; the corpus is research data kept outside the
// repository, so the test skips without it.
func TestPolNeARDates(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpora/polnear-dev/*/*.txt")
	if len(files) == 0 {
		files, _ = filepath.Glob("../../../shared/corpora/polnear-dev/*.txt")
	}
	if len(files) == 0 {
		t.Skip("PolNeAR development articles not found in ../shared/corpora")
	}
	from := map[DateFrom]int{}
	langs := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(filepath.Base(f), data)
		if err != nil {
			continue
		}
		from[doc.DateFrom]++
		langs[doc.Language]++
	}
	t.Logf("%d articles: dates from a dateline %d, from the file name %d, none %d; languages %v",
		len(files), from[DateFromText], from[DateFromName], from[""], langs)
	if langs["en"] != len(files) {
		t.Errorf("English articles detected as other languages: %v", langs)
	}
}

// TestWikinewsLanguage checks the language detector on the German Wikinews
// development articles (research data outside the repository; skipped
// without it) and reports how many get a date from a dateline.
func TestWikinewsLanguage(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpora/de-wikinews-dev/json/*.json")
	if len(files) == 0 {
		t.Skip("German Wikinews development articles not found in ../shared/corpora")
	}
	langs := map[string]int{}
	dated, right := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var article struct {
			OriginalText string `json:"originalText"`
		}
		if err := json.Unmarshal(data, &article); err != nil {
			t.Fatal(err)
		}
		doc, err := Read("article.txt", []byte(article.OriginalText))
		if err != nil {
			continue
		}
		langs[doc.Language]++
		if doc.DateFrom == DateFromText {
			dated++
			// The file name carries the publication date: "… (2005-08-20).pretty.json".
			if strings.Contains(f, "("+doc.Published+")") {
				right++
			} else {
				t.Logf("%s: dateline read as %s", filepath.Base(f), doc.Published)
			}
		}
	}
	t.Logf("%d articles: languages %v; dates from a dateline %d, of them %d the publication date", len(files), langs, dated, right)
	if langs["de"] != len(files) {
		t.Errorf("German articles detected as other languages: %v", langs)
	}
}

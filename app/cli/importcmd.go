package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/extract"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
)

// extractedQuote is a quotation as `parley extract` prints it: the speaker
// is null when nobody was found.
type extractedQuote struct {
	Text    string       `json:"text"`
	Speaker *string      `json:"speaker"`
	Start   int          `json:"start"`
	End     int          `json:"end"`
	Cue     string       `json:"cue"`
	Kind    extract.Kind `json:"kind"`
}

type extractedFile struct {
	File   string           `json:"file"`
	Quotes []extractedQuote `json:"quotes"`
}

// runExtract prints the quotations of each file, one JSON object per file
// per line. It needs no casebook. A file it cannot read is reported on
// stderr and the others are still done; the exit code says whether any
// failed.
func runExtract(env *Env, args []string) error {
	fs, _ := flags(env, "extract")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: extract needs at least one FILE", ErrUsage)
	}
	failed := 0
	for _, path := range files {
		doc, err := ingest.ReadFile(path)
		if err != nil {
			fmt.Fprintln(env.Stderr, "parley extract: "+oneLine(err))
			failed++
			continue
		}
		out := extractedFile{File: path, Quotes: []extractedQuote{}}
		for _, q := range extract.ExtractIn(doc.Text, doc.Language) {
			eq := extractedQuote{Text: q.Text, Start: q.Start, End: q.End, Cue: q.Cue, Kind: q.Kind}
			if q.Speaker != "" {
				eq.Speaker = &q.Speaker
			}
			out.Quotes = append(out.Quotes, eq)
		}
		if err := printJSONLine(env.Stdout, out); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read", failed, len(files))
	}
	return nil
}

type importedFile struct {
	File string `json:"file"`
	importer.Result
}

// runImport files the statements of each file in the casebook, without
// review: every quotation the extractor takes for speech and can give a
// speaker is kept. All files are read first; if any cannot be read, nothing
// is imported. Each file is then one transaction.
func runImport(env *Env, args []string) error {
	fs, data := flags(env, "import")
	var meta importer.Meta
	fs.StringVar(&meta.Title, "title", "", "title of the article (default: from the file)")
	fs.StringVar(&meta.Outlet, "outlet", "", "who published it")
	fs.StringVar(&meta.Date, "date", "", "publication date, YYYY-MM-DD (or YYYY-MM, YYYY)")
	fs.StringVar(&meta.URL, "url", "", "where it was published (an http or https address)")
	byline := fs.String("byline", "", "the authors, separated by commas")
	charset := fs.String("charset", "", "the encoding of text files that are not UTF-8 or UTF-16 (windows-1251, koi8-r, iso-8859-1, …)")
	force := fs.Bool("force", false, "file an article even when it looks like one filed before (the same text but for its spacing, or the same address)")
	replace := fs.Bool("replace", false, "for a .qdpx project: take the project's versions of items this casebook holds with other contents")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: import needs at least one FILE", ErrUsage)
	}
	if len(files) > 1 && (meta.Title != "" || meta.URL != "") {
		return fmt.Errorf("%w: --title and --url name one article; import one file with them", ErrUsage)
	}
	if meta.Date != "" {
		if _, _, err := app.ParseSourceDate(meta.Date); err != nil {
			return fmt.Errorf("%w: --date: %v", ErrUsage, err)
		}
	}
	meta.Byline = app.ParseByline(*byline)
	if err := app.CheckURL(meta.URL); err != nil {
		return fmt.Errorf("%w: --url: %v", ErrUsage, err)
	}
	if *charset != "" && !ingest.KnownCharset(*charset) {
		return fmt.Errorf("%w: --charset %q is not an encoding Parley knows", ErrUsage, *charset)
	}
	// A REFI-QDA project is a casebook's worth, not an article.
	if len(files) == 1 && strings.EqualFold(filepath.Ext(files[0]), ".qdpx") {
		return importProject(env, *data, files[0], *replace)
	}
	docs := make([]ingest.Document, 0, len(files))
	var bad []error
	for _, path := range files {
		doc, err := ingest.ReadFileAs(path, *charset)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		docs = append(docs, doc)
	}
	if len(bad) > 0 {
		for _, err := range bad {
			fmt.Fprintln(env.Stderr, "parley import: "+oneLine(err))
		}
		return errors.New("nothing imported")
	}
	return withStore(env, *data, func(s app.Store) error {
		for i, doc := range docs {
			p, err := importer.Propose(s, doc, meta)
			if err != nil {
				return fmt.Errorf("%s: %w", files[i], err)
			}
			for _, w := range p.Warnings {
				fmt.Fprintf(env.Stderr, "parley import: %s: warning: %s\n", files[i], w)
			}
			p.Force = *force
			if p.Duplicate() {
				dup, why := p.DuplicateOf()
				hint := ""
				if p.Like != nil {
					hint = " (--force files it all the same)"
				}
				fmt.Fprintf(env.Stderr, "parley import: %s: not filed: it has %s as %q (%s)%s\n", files[i], why, dup.Title, dup.ID, hint)
			}
			res, err := importer.Commit(s, p)
			if err != nil {
				return fmt.Errorf("%s: %w", files[i], err)
			}
			if err := printJSONLine(env.Stdout, importedFile{File: files[i], Result: res}); err != nil {
				return err
			}
		}
		return nil
	})
}

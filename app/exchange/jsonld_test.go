package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/piprate/json-gold/ld"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
	"codeberg.org/parley/parley/app/synth"
)

const annoContextURL = "http://www.w3.org/ns/anno.jsonld"

// offlineLoader serves the W3C Web Annotation context from a file and
// refuses every other document: the tests run without a network.
type offlineLoader struct{ context any }

func (l offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if u != annoContextURL && u != "https://www.w3.org/ns/anno.jsonld" {
		return nil, fmt.Errorf("offline: no document %s", u)
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: l.context}, nil
}

// Expanded by a JSON-LD processor with the W3C context, the export holds
// every annotation Parley wrote, each with the properties the model asks
// for under their full IRIs, and no property is lost for want of a term.
func TestWebAnnotationsExpandWithTheW3CContext(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(shared, "web-annotation", "anno.jsonld"))
	if err != nil {
		t.Skip("no W3C context at hand:", err)
	}
	var annoCtx any
	if err := json.Unmarshal(raw, &annoCtx); err != nil {
		t.Fatal(err)
	}
	worked, err := exchange.Gather(workedCase(t), app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	generated := exchange.BundleOf(synth.Synthetic(synth.SyntheticSpec{Actors: 20, Places: 4, Sources: 8, Statements: 300, Notes: 120, Seed: 9}))
	for name, b := range map[string]*exchange.Bundle{"seed case": worked, "generated": generated} {
		t.Run(name, func(t *testing.T) { expandsWithTheW3CContext(t, annoCtx, b) })
	}
}

func expandsWithTheW3CContext(t *testing.T, annoCtx any, b *exchange.Bundle) {
	b.Author = "Ana Analyst"
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "jsonld", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}

	// Every key Parley writes is a term of the context (or a keyword):
	// a processor drops any other.
	terms := annoCtx.(map[string]any)["@context"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if _, ok := terms[k]; !ok && k != "@context" {
					t.Errorf("%q is no term of the Web Annotation context", k)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)

	proc := ld.NewJsonLdProcessor()
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offlineLoader{annoCtx}
	flat, err := proc.Flatten(doc, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]map[string]any{}
	for _, n := range flat.([]any) {
		node := n.(map[string]any)
		nodes[node["@id"].(string)] = node
	}
	const oa, as, dcterms = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#", "http://purl.org/dc/terms/"
	has := func(node map[string]any, prop string) bool { _, ok := node[prop]; return ok }
	types := func(node map[string]any) []string {
		var out []string
		for _, t := range node["@type"].([]any) {
			out = append(out, t.(string))
		}
		return out
	}
	page := nodes["urn:parley:annotations:page:1"]
	if page == nil || !slices.Contains(types(page), as+"OrderedCollectionPage") || !has(page, as+"partOf") {
		t.Fatalf("the page, expanded: %v", page)
	}
	coll := doc.(map[string]any)
	items := coll["first"].(map[string]any)["items"].([]any)
	if len(items) == 0 || len(items) != int(coll["total"].(float64)) {
		t.Fatalf("%d items, total %v", len(items), coll["total"])
	}
	for _, it := range items {
		id := it.(map[string]any)["id"].(string)
		node := nodes[id]
		if node == nil {
			t.Fatalf("annotation %s is not in the expanded graph", id)
		}
		if !slices.Contains(types(node), oa+"Annotation") {
			t.Errorf("%s: types %v", id, types(node))
		}
		for _, prop := range []string{oa + "hasTarget", oa + "hasBody", oa + "motivatedBy", dcterms + "creator", as + "generator"} {
			if !has(node, prop) {
				t.Errorf("%s: no %s after expansion", id, prop)
			}
		}
	}

	// Compacted again with the same context, the document holds the same
	// annotations.
	compact, err := proc.Compact(doc, annoContextURL, opts)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(compact)
	for _, it := range items {
		id := it.(map[string]any)["id"].(string)
		if !bytes.Contains(again, []byte(`"`+id+`"`)) {
			t.Errorf("%s is lost in a round trip through the processor", id)
		}
	}
	if !bytes.Contains(again, []byte("Ana Analyst")) {
		t.Error("the creator is lost in a round trip")
	}
}

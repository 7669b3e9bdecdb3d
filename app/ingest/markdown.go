package ingest

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdownText renders Markdown as plain text, one block a paragraph, with
// goldmark's parser: headings, lists and quotations keep their words and
// lose their markup.
func markdownText(src string) string {
	source := []byte(src)
	root := goldmark.New().Parser().Parse(text.NewReader(source))
	var paras []string
	var cur bytes.Buffer
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *ast.FencedCodeBlock, *ast.CodeBlock:
			if !entering {
				flush()
			} else if n.Type() == ast.TypeBlock {
				if lines := n.Lines(); lines != nil && (n.Kind() == ast.KindFencedCodeBlock || n.Kind() == ast.KindCodeBlock) {
					for i := 0; i < lines.Len(); i++ {
						seg := lines.At(i)
						cur.Write(seg.Value(source))
					}
					return ast.WalkSkipChildren, nil
				}
			}
		case *ast.Text:
			if entering {
				cur.Write(n.Segment.Value(source))
				if n.SoftLineBreak() || n.HardLineBreak() {
					cur.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				cur.Write(n.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						cur.Write(t.Segment.Value(source))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
	return strings.Join(paras, "\n\n")
}

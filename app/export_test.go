package app

// CodeRuleCodes are the codes the suggestion rules give, for a test that
// holds them to the code tables.
func CodeRuleCodes() []Coding {
	var out []Coding
	for _, r := range suggestRules().rules {
		out = append(out, Coding{CAMEO: r.cameo, Category: r.category, Mode: r.mode, Score: r.goldstein})
	}
	return out
}

package assets

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"codeberg.org/parley/parley/app"
)

//go:generate go run ./mapgen -in ../../shared/map/countries-10m.json -out map/region.json
//go:generate go run ./icongen

//go:embed seed/case.json
var seedJSON []byte

//go:embed map/region.json
var mapJSON []byte

//go:embed codes/cameo-goldstein.csv
var cameoCSV []byte

//go:embed codes/CAMEO2PLOVER-2021.txt
var ploverTxt []byte

//go:embed codes/plover-scores.txt
var ploverScores []byte

// WindowIcon is the application icon for the window, a 256×256 PNG. The
// packages carry the 512-pixel icon.png (FyneApp.toml); the window system
// is handed the window's icon uncompressed at every start, and at 512
// pixels that took 5 ms of it.
//
//go:embed icon-256.png
var WindowIcon []byte

// SeedCase is the case Parley starts with: the May 2023 talks in the United
// States, from the seed article.
func SeedCase() (app.Case, error) {
	var c app.Case
	if err := decodeStrict(seedJSON, &c); err != nil {
		return app.Case{}, fmt.Errorf("embedded seed case: %w", err)
	}
	return c, nil
}

// RegionMap is the base map of the South Caucasus.
func RegionMap() (app.RegionMap, error) {
	var m app.RegionMap
	if err := json.Unmarshal(mapJSON, &m); err != nil {
		return app.RegionMap{}, fmt.Errorf("embedded region map: %w", err)
	}
	return m, nil
}

// CodeTables are the CAMEO codes with Goldstein scores and their PLOVER
// categories.
func CodeTables() (*app.CodeTables, error) {
	t, err := app.ParseCodeTables(bytes.NewReader(cameoCSV), bytes.NewReader(ploverTxt), bytes.NewReader(ploverScores))
	if err != nil {
		return nil, fmt.Errorf("embedded code tables: %w", err)
	}
	return t, nil
}

// decodeStrict refuses unknown fields, so a typo in the hand-written seed is
// caught by the tests instead of silently dropped.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

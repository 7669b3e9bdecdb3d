// Package fold makes text comparable the way a reader compares it: without
// case and without diacritics, so that "BAYRAMOV", "Bayrámov" and
// "Bayramov" are one name and "Naxcivan" finds "Naxçıvan". Search, actor
// matching and the filters all fold through here, so that they agree.
package fold

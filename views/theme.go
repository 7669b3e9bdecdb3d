package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// variantTheme is the default theme held to one variant, for the user who
// wants Parley light or dark whatever the system says.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// applyThemeChoice sets the theme: "light", "dark", or "" to follow the system.
func applyThemeChoice(a fyne.App, choice string) {
	switch choice {
	case "light":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case "dark":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		a.Settings().SetTheme(theme.DefaultTheme())
	}
}

// prefTheme is where the theme choice is kept among the app's preferences:
// per user rather than per casebook, and readable before the casebook is
// open, so the panes can be built in the right theme while the window is made.
const prefTheme = "theme"

// savedThemeChoice is the theme choice kept in the preferences, and whether
// one was.
func savedThemeChoice(a fyne.App) (string, bool) {
	const none = "\x00"
	c := a.Preferences().StringWithFallback(prefTheme, none)
	if c == none {
		return "", false
	}
	return c, true
}

func themeChoice(a fyne.App) string {
	if t, ok := a.Settings().Theme().(variantTheme); ok {
		if t.variant == theme.VariantDark {
			return "dark"
		}
		return "light"
	}
	return ""
}

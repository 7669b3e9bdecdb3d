package app

import "testing"

func TestShortName(t *testing.T) {
	for _, c := range []struct {
		a    Actor
		want string
	}{
		{Actor{Name: "Antony Blinken", Kind: ActorPerson}, "Blinken"},
		{Actor{Name: "Ursula von der Leyen", Kind: ActorPerson}, "von der Leyen"},
		{Actor{Name: "Martin Luther King Jr.", Kind: ActorPerson}, "King"},
		{Actor{Name: "Сергей Лавров", Kind: ActorPerson}, "Лавров"},
		{Actor{Name: "Recep Tayyip Erdoğan", Kind: ActorPerson}, "Erdoğan"},
		{Actor{Name: "Madonna", Kind: ActorPerson}, "Madonna"},
		{Actor{Name: "John F.", Kind: ActorPerson}, "John F."},
		{Actor{Name: "Ministry of Foreign Affairs of Armenia", Kind: ActorMinistry}, "Ministry of Foreign Affairs of Armenia"},
		{Actor{Name: "Ministry of Foreign Affairs of Armenia", Short: "Armenian MFA", Kind: ActorMinistry}, "Armenian MFA"},
		{Actor{Name: "Antony Blinken", Short: "  ", Kind: ActorPerson}, "Blinken"},
	} {
		if got := c.a.ShortName(); got != c.want {
			t.Errorf("%q: %q, want %q", c.a.Name, got, c.want)
		}
	}
}

//go:build unix

package exchange_test

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"codeberg.org/parley/parley/app/exchange"
)

// An export is created as any file the user makes is: 0666 less the umask,
// so that colleagues can read it where the user's umask lets them.
func TestWriteFileFollowsTheUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		path := filepath.Join(t.TempDir(), "out.csv")
		err := exchange.WriteFile(path, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != tt.want {
			t.Errorf("umask %03o: written %03o, want %03o", tt.umask, got, tt.want)
		}
	}
}

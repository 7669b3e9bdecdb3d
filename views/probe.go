package views

import (
	"encoding/json"
	"image"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/views/ui"
)

// The start-up probe: with --startup-probe the app quits once its first
// frame has been shown and prints how long that took from the start of
// the process, and how much memory it holds then and once it has settled
// (the search index built). With --bare it does the same for an empty
// Fyne window built the same way: the floor Parley is measured against.
//
// Shown means painted and handed to the window system: Fyne's Show paints
// the first frame and swaps it to the screen before it returns. The probe
// also reports when the frame's last object, a one-pixel raster, was drawn
// (painted_ms). For Parley that is near the end of the frame; for the bare
// window, whose frame holds nothing else, it is before any drawing, so it
// leaves out the bare window's own first draws, which Parley's figure
// includes.

// initTime is the earliest moment this package can see; processStart
// prefers what the system says.
var initTime = time.Now()

// ProbeResult is what the probe prints, as one line of JSON.
type ProbeResult struct {
	Window       string  `json:"window"`     // "parley" or "bare"
	StartupMS    float64 `json:"startup_ms"` // to the first frame shown
	PaintedMS    float64 `json:"painted_ms"` // to the probe's raster drawn in it
	RSSFirstMB   float64 `json:"rss_first_frame_mb"`
	RSSSettledMB float64 `json:"rss_settled_mb"`
	// The settled figure split: the process's own memory, and pages of
	// files it maps (the casebook's tables), which the system can take back.
	AnonMB     float64 `json:"rss_anon_mb"`
	FileMB     float64 `json:"rss_file_mb"`
	HeapMB     float64 `json:"go_heap_mb"`
	Statements int     `json:"statements,omitempty"`
}

// residentMB is the process's resident memory: VmRSS on Linux, else what
// the Go runtime holds from the system.
func residentMB() float64 {
	if v, ok := procStatus("VmRSS:"); ok {
		return v
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.Sys) / (1 << 20)
}

// procStatus reads one kB figure of /proc/self/status, in MB.
func procStatus(key string) (float64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}

// firstFrame is a one-pixel raster that reports when it is first painted.
// Besides the probe, the window uses it to hold back work that would
// compete with the first paint.
type firstFrame struct {
	once      sync.Once
	done      chan time.Time // when the first frame was shown
	painted   chan struct{}  // closed at the first paint
	paintedAt time.Time      // set before painted is closed
	obj       fyne.CanvasObject
	// afterShow: Show returned before the raster was drawn, so the frame
	// is painted later, and shown when it is. Main goroutine only.
	afterShow bool
}

func newFirstFrame() *firstFrame {
	f := &firstFrame{done: make(chan time.Time, 1), painted: make(chan struct{})}
	img := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	r := canvas.NewRaster(func(int, int) image.Image {
		f.once.Do(func() {
			f.paintedAt = time.Now()
			close(f.painted)
			if f.afterShow {
				f.done <- f.paintedAt
			}
		})
		return img
	})
	f.obj = container.NewGridWrap(fyne.NewSize(1, 1), r)
	return f
}

// shown is called on the main goroutine as soon as the window's Show has
// returned. Show paints and swaps the first frame when the window has
// content; should it not have, the frame counts as shown when painted.
func (f *firstFrame) shown() {
	select {
	case <-f.painted:
		f.done <- time.Now()
	default:
		f.afterShow = true
	}
}

// finishProbe waits for the first frame, lets the app settle (settle
// returns when it has), prints the figures and quits.
func finishProbe(a fyne.App, onUI func(func()), f *firstFrame, res *ProbeResult, settle func()) {
	go func() {
		at := <-f.done
		start := processStart()
		res.StartupMS = float64(at.Sub(start).Microseconds()) / 1000
		res.PaintedMS = float64(f.paintedAt.Sub(start).Microseconds()) / 1000
		res.RSSFirstMB = residentMB()
		settle()
		time.Sleep(500 * time.Millisecond)
		// Memory the Go heap has freed goes back to the system lazily;
		// hand it back now, as the app does once settled, so the figure is
		// what the process holds.
		debug.FreeOSMemory()
		res.RSSSettledMB = residentMB()
		res.AnonMB, _ = procStatus("RssAnon:")
		res.FileMB, _ = procStatus("RssFile:")
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		res.HeapMB = float64(m.HeapInuse) / (1 << 20)
		// For finding where memory goes: PARLEY_HEAP_PROFILE=file.
		if path := os.Getenv("PARLEY_HEAP_PROFILE"); path != "" {
			if f, err := os.Create(path); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
		b, _ := json.Marshal(res)
		os.Stdout.Write(append(b, '\n'))
		onUI(a.Quit)
	}()
}

// RunBareProbe opens an empty window the way Parley opens its own and
// measures it.
func RunBareProbe() int {
	a := fyneapp.NewWithID(AppID + ".bare")
	w := a.NewWindow("Parley")
	f := newFirstFrame()
	w.SetContent(container.NewBorder(nil, f.obj, nil, nil, widget.NewLabel("")))
	w.Resize(fyne.NewSize(1440, 900))
	w.Show()
	f.shown()
	finishProbe(a, ui.NewAsync().OnUI, f, &ProbeResult{Window: "bare"}, func() {})
	a.Run()
	return 0
}

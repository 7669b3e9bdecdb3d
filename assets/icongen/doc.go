// Command icongen draws Parley's icon, two speech bubbles facing each other
// on a dark blue tile, and writes it as assets/icon.png (512 pixels, for the
// packages) and assets/icon-256.png (for the window, whose icon the window
// system is handed uncompressed at every start). The PNGs are committed;
// run this only to change the design.
package main

package app

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"time"
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID makes an id that sorts by creation time: prefix, then 48 bits of
// milliseconds and 32 random bits in lower-case Crockford base32.
func NewID(prefix string, now time.Time) string {
	var b [10]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	return prefix + "-" + idEncoding.EncodeToString(b[:])
}

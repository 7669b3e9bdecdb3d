package exchange

// GUID is the GUID Parley gives an item in a REFI-QDA project, for tests
// that edit a project as another program would.
var GUID = guid

package sandbox

// writeFunctions lists the write functions the sandbox implements. The
// server runs them under the account's write lock and saves the state file
// after each successful one.
func writeFunctions() map[string]handler {
	return map[string]handler{}
}

// Command opa is the real Open Policy Agent, built from its Go module at the
// version pinned in go.mod, so that the project checks, formats, tests and
// compiles its Rego with the reference implementation rather than a copy.
package main

import (
	"errors"
	"os"

	"github.com/open-policy-agent/opa/cmd"
)

func main() {
	var exit int
	defer func() {
		if exit != 0 {
			os.Exit(exit)
		}
	}()

	if err := cmd.RootCommand.Execute(); err != nil {
		var e *cmd.ExitError
		if errors.As(err, &e) {
			exit = e.Exit
		} else {
			exit = 1
		}
	}
}

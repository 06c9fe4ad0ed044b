"""Exit codes, everywhere: 0 done; 1 a triage threshold was hit; 2 bad input or refused."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

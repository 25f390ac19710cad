package apicode

import "testing"

func TestClassification(t *testing.T) {
	tests := []struct {
		code                               Code
		credentials, programming, notFound bool
	}{
		{APIIDMissing, true, false, false},
		{APIDisabled, true, false, false},
		{FunctionMissing, false, true, false},
		{FunctionUnknown, false, true, false},
		{UnknownID, false, false, true},
		{CoachUnknown, false, false, true},
		{RequiredMissing, false, false, false},
		{PaymentDateInFuture, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.code.String(), func(t *testing.T) {
			if got := tc.code.IsCredentials(); got != tc.credentials {
				t.Errorf("IsCredentials: got %v, want %v", got, tc.credentials)
			}
			if got := tc.code.IsProgramming(); got != tc.programming {
				t.Errorf("IsProgramming: got %v, want %v", got, tc.programming)
			}
			if got := tc.code.IsNotFound(); got != tc.notFound {
				t.Errorf("IsNotFound: got %v, want %v", got, tc.notFound)
			}
		})
	}
}

func TestAll(t *testing.T) {
	all := All()
	// Section 2 of the reference lists 52 codes.
	if len(all) != 52 {
		t.Errorf("All: got %d codes, want 52", len(all))
	}
	for i, c := range all {
		if !c.Documented() || c.Description() == "undocumented error code" {
			t.Errorf("%d has no description", int(c))
		}
		if i > 0 && all[i-1] >= c {
			t.Errorf("All is not ascending at %d", int(c))
		}
	}
	if Code(999).Documented() || Code(999).String() != "999 (undocumented error code)" {
		t.Errorf("Code(999): got %q", Code(999).String())
	}
}

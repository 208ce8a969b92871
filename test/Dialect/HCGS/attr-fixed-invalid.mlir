// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{fixed-point width must be 1 to 63 bits, got 64}}
func.func @f() attributes {a = #hcgs.fixed<i64, 0>} { return }

// -----

// expected-error @+1 {{a signed fixed-point format needs at least 2 bits}}
func.func @f() attributes {a = #hcgs.fixed<i1, 0>} { return }

// -----

// expected-error @+1 {{expected an integer type such as i6 or ui8}}
func.func @f() attributes {a = #hcgs.fixed<f32, 0>} { return }

// -----

// expected-error @+1 {{fraction bits must be in [-64, 64], got 65}}
func.func @f() attributes {a = #hcgs.fixed<i8, 65>} { return }

// -----

// expected-error @+1 {{expected integer value}}
func.func @f() attributes {a = #hcgs.fixed<i8, []>} { return }

// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unknown activation 'swish'}}
func.func @f() attributes {a = #hcgs.act<swish>} { return }

// -----

// expected-error @+1 {{activation 'leaky_relu' needs an alpha}}
func.func @f() attributes {a = #hcgs.act<leaky_relu>} { return }

// -----

// expected-error @+1 {{activation 'tanh' takes no alpha}}
func.func @f() attributes {a = #hcgs.act<tanh, alpha = 1.0>} { return }

// -----

// expected-error @+1 {{activation 'affine' needs a beta}}
func.func @f() attributes {a = #hcgs.act<affine, alpha = 1.0>} { return }

// -----

// expected-error @+1 {{activation 'elu' takes no beta}}
func.func @f() attributes {a = #hcgs.act<elu, alpha = 1.0, beta = 2.0>} { return }

// -----

// expected-error @+1 {{'alpha' given twice}}
func.func @f() attributes {a = #hcgs.act<elu, alpha = 1.0, alpha = 2.0>} { return }

// -----

// expected-error @+1 {{expected 'alpha' or 'beta', got 'gamma'}}
func.func @f() attributes {a = #hcgs.act<elu, gamma = 1.0>} { return }

// -----

// A NaN or infinite parameter would make NaN lookup-table entries.
// expected-error @+1 {{activation 'leaky_relu' has a non-finite alpha; its parameters must be finite}}
func.func @f() attributes {a = #hcgs.act<leaky_relu, alpha = 0x7FC00000>} { return }

// -----

// expected-error @+1 {{activation 'affine' has a non-finite beta; its parameters must be finite}}
func.func @f() attributes {a = #hcgs.act<affine, alpha = 1.0, beta = 0xFF800000>} { return }

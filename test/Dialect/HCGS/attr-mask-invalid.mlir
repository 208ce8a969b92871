// RUN: hcgs-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{mask level 0 (2x2 blocks): block-row 1 keeps block 2, out of range [0, 2)}}
func.func @f() attributes {a = #hcgs.mask<4x4, 2x2 [[0], [2]]>} { return }

// -----

// expected-error @+1 {{mask level 0 (2x2 blocks): block-row 0 kept blocks must be unique and sorted}}
func.func @f() attributes {a = #hcgs.mask<4x4, 2x2 [[1, 0], [0]]>} { return }

// -----

// expected-error @+1 {{mask level 0 (2x2 blocks): block-row 0 kept blocks must be unique and sorted}}
func.func @f() attributes {a = #hcgs.mask<4x4, 2x2 [[1, 1], [0]]>} { return }

// -----

// expected-error @+1 {{mask level 0 (2x2 blocks): has 3 block-rows, expected 2}}
func.func @f() attributes {a = #hcgs.mask<4x4, 2x2 [[0], [1], [0]]>} { return }

// -----

// The second level cuts each kept 4x4 block into 2x2 blocks: two kept
// blocks of two sub-rows each make four sub-rows.
// expected-error @+1 {{mask level 1 (2x2 blocks): has 2 block-rows, expected 4}}
func.func @f() attributes {a = #hcgs.mask<8x8, 4x4 [[0], [1]], 2x2 [[0], [1]]>} { return }

// -----

// expected-error @+1 {{mask level 1 (3x3 blocks): block shape must divide the level above's 4x4 blocks}}
func.func @f() attributes {a = #hcgs.mask<8x8, 4x4 [[0], [1]], 3x3 [[0], [1]]>} { return }

// -----

// expected-error @+1 {{mask level 1 (2x2 blocks): block-row 3 keeps block -1, out of range [0, 2)}}
func.func @f() attributes {a = #hcgs.mask<8x8, 4x4 [[0], [1]], 2x2 [[0], [1], [1], [-1]]>} { return }

// -----

// expected-error @+1 {{mask needs at least one level}}
func.func @f() attributes {a = #hcgs.mask<8x8>} { return }

// -----

// expected-error @+1 {{mask shape must be positive, got 0x8}}
func.func @f() attributes {a = #hcgs.mask<0x8, 4x4 []>} { return }

// -----

// expected-error @+1 {{a mask shape is ROWSxCOLS}}
func.func @f() attributes {a = #hcgs.mask<8x8x8, 4x4 [[0], [1]]>} { return }

// -----

// expected-error @+1 {{mask level 0 (0x4 blocks): block shape must be positive}}
func.func @f() attributes {a = #hcgs.mask<8x8, 0x4 [[0], [1]]>} { return }

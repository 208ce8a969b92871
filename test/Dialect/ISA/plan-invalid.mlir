// What the ISA dialect checks of the plan's attributes, wherever they are.
// RUN: hcgs-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

// expected-error @+1 {{expected ':'}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [2 4]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{expected an axis: SIZE:STRIDE, tSIZE:STRIDE or t?:STRIDE}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [x:4]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{expected io, act or acc, got 'pmem'}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<pmem[8] [2:1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{a view lives in io or act}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<acc[8] [2:1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{an axis has a positive size, or is t? (dynamic time)}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [0:1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{an axis has a non-negative stride, got -1}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [2:-1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{a view's base is a word address, got -8}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[-8] [2:1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{hcgs_isa.place of result 0 has rank 1, the tensor 2}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [2:1]>]} : () -> tensor<1x2xf32>

// -----

// expected-error @+1 {{hcgs_isa.place of result 0 does not have the shape of 'tensor<?x3xf32>': #hcgs_isa.view<io[8] [t?:2][2:1]>}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<io[8] [t?:2][2:1]>]} : () -> tensor<?x3xf32>

// -----

// expected-error @+1 {{hcgs_isa.place of result 0 must be a view of io, got #hcgs_isa.view<act[8] [2:1]>}}
"test.op"() {hcgs_isa.place = [#hcgs_isa.view<act[8] [2:1]>]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{hcgs_isa.stage of result 1 must be a view of act, got #hcgs_isa.view<io[8] [2:1]>}}
"test.op"() {hcgs_isa.stage = [unit, #hcgs_isa.view<io[8] [2:1]>]} : () -> (tensor<2xf32>, tensor<2xf32>)

// -----

// expected-error @+1 {{hcgs_isa.place must be an array of one view (or unit) per result, 2 in all; got [unit]}}
"test.op"() {hcgs_isa.place = [unit]} : () -> (tensor<2xf32>, tensor<2xf32>)

// -----

// The text form of old: a view is no string.
// expected-error @+1 {{hcgs_isa.place entries are #hcgs_isa.view or unit, got "io[8] [2:1]"}}
"test.op"() {hcgs_isa.place = ["io[8] [2:1]"]} : () -> tensor<2xf32>

// -----

// expected-error @+1 {{hcgs_isa.place of argument 0 must be a #hcgs_isa.view, got "io[0] [2:1]"}}
func.func @main(%x: tensor<2xf32> {hcgs_isa.place = "io[0] [2:1]"}) {
  return
}

// -----

// expected-error @+1 {{hcgs_isa.place of result 0 has rank 2, the tensor 1}}
func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32> {hcgs_isa.place = #hcgs_isa.view<io[0] [1:2][2:1]>}) {
  return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument 0 has hcgs_isa.stage, not an argument attribute of a function}}
func.func @main(%x: tensor<2xf32> {hcgs_isa.stage = #hcgs_isa.view<act[0] [2:1]>}) {
  return
}

// -----

// expected-error @+1 {{a schedule's segment is an index, got -1}}
"test.op"() {hcgs_isa.schedule = #hcgs_isa.schedule<segment = -1>} : () -> ()

// -----

// expected-error @+1 {{a schedule's tiles are positive (0: none), got row_tile -8, batch_tile 0}}
"test.op"() {hcgs_isa.schedule = #hcgs_isa.schedule<segment = 0, row_tile = -8>} : () -> ()

// -----

func.func @main() attributes {hcgs_isa.segments = [#hcgs_isa.segment<loop>]} {
  // expected-error @+1 {{is scheduled in segment 3, but hcgs_isa.segments has 1}}
  "test.op"() {hcgs_isa.schedule = #hcgs_isa.schedule<name = "fc#0", segment = 3>} : () -> ()
  return
}

// -----

// expected-error @+1 {{is scheduled in segment 1, but hcgs_isa.segments has 1}}
func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32> {hcgs_isa.schedule = #hcgs_isa.schedule<segment = 1>})
    attributes {hcgs_isa.segments = [#hcgs_isa.segment<once>]} {
  return %x : tensor<2xf32>
}

// -----

func.func @main() {
  // expected-error @+1 {{has a hcgs_isa.schedule but its function has no hcgs_isa.segments}}
  "test.op"() {hcgs_isa.schedule = #hcgs_isa.schedule<segment = 0>} : () -> ()
  return
}

// -----

func.func @main() attributes {hcgs_isa.segments = [#hcgs_isa.segment<loop>]} {
  // expected-error @+1 {{hcgs_isa.schedule must be a #hcgs_isa.schedule, got {segment = 0 : i64}}}
  "test.op"() {hcgs_isa.schedule = {segment = 0 : i64}} : () -> ()
  return
}

// -----

// expected-error @+1 {{hcgs_isa.segments must be an array of #hcgs_isa.segment, got ["loop"]}}
func.func @main() attributes {hcgs_isa.segments = ["loop"]} {
  return
}

// -----

// expected-error @+2 {{expected ::hcgs::isa::SegmentKind to be one of: loop, once}}
// expected-error @+1 {{failed to parse ISA_SegmentKindAttr parameter 'value'}}
func.func @main() attributes {hcgs_isa.segments = [#hcgs_isa.segment<twice>]} {
  return
}

// -----

// expected-error @+1 {{hcgs_isa.max_seq_len must be a positive i64, got 100 : i32}}
func.func @main() attributes {hcgs_isa.max_seq_len = 100 : i32} {
  return
}

// -----

// expected-error @+1 {{hcgs_isa.max_seq_len must be a positive i64, got 0}}
func.func @main() attributes {hcgs_isa.max_seq_len = 0 : i64} {
  return
}

// -----

// expected-error @+1 {{hcgs_isa.memory_map must be an array of #hcgs_isa.symbol, got ["in.x"]}}
func.func @main() attributes {hcgs_isa.memory_map = ["in.x"]} {
  return
}

// -----

// expected-error @+1 {{hcgs_isa.memory_map names 'in.x' twice}}
func.func @main() attributes {hcgs_isa.memory_map = [#hcgs_isa.symbol<"in.x", io[0], 8>, #hcgs_isa.symbol<"in.x", io[8], 8>]} {
  return
}

// -----

// expected-error @+1 {{has an unknown attribute hcgs_isa.plan}}
func.func @main() attributes {hcgs_isa.plan = unit} {
  return
}

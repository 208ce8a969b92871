// An output name whose escaped file name exceeds 255 bytes.
func.func @main(%x: tensor<2x3xf32> {hcgs.name = "x"})
    -> (tensor<2x3xf32> {hcgs.name = "////////////////////////////////////////////////////////////////////////////////////////////////"}) {
  return %x : tensor<2x3xf32>
}

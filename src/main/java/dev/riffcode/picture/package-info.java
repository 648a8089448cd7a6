/**
 * Pictures given as input ({@code generate --image}): reading a PNG or JPEG within bounds
 * ({@link dev.riffcode.picture.Picture}), and measuring what the offline generator turns into music
 * ({@link dev.riffcode.picture.PictureFeatures}: brightness, saturation, dominant hue, contrast, edge
 * density). Nothing here knows about music: the mapping lives in the offline generator's prompt reader.
 */
package dev.riffcode.picture;

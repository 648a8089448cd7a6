/**
 * Whole clips from diffusion backends, and Riffusion's spectrogram pictures.
 *
 * <p>{@link dev.riffcode.clip.SpectrogramConverter} converts between sound and Riffusion's picture format
 * ({@link dev.riffcode.clip.SpectrogramParams}, {@link dev.riffcode.clip.SpectrogramImage}): a torch-compatible STFT
 * and HTK mel bank one way, an inverse mel bank ({@link dev.riffcode.clip.MelScale}) and fast Griffin-Lim on a
 * band-limited grid ({@link dev.riffcode.clip.GriffinLim}) the other.
 *
 * <p>{@link dev.riffcode.clip.ClipBackend}s make clips from prompts: {@link dev.riffcode.clip.RiffusionBackend} speaks
 * the Riffusion inference server's protocol (segments joined by {@link dev.riffcode.clip.Crossfade}, MP3 decoded by
 * {@link dev.riffcode.clip.Mp3}), {@link dev.riffcode.clip.HuggingFaceBackend} the Hugging Face Inference protocol.
 * {@link dev.riffcode.clip.ClipSettings} chooses one from flags, environment and config file, and routes keys only to
 * the endpoint they were given for; {@link dev.riffcode.clip.ClipRouting} decides when {@code generate} makes a clip
 * instead of code. Every failure is a {@link dev.riffcode.clip.ClipException} whose message says what to do.
 */
package dev.riffcode.clip;

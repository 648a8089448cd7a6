/**
 * Talking to language models. {@link dev.riffcode.llm.ChatModel} is what the rest of Riffcode calls: a conversation
 * of {@link dev.riffcode.llm.ChatMessage}s in, a {@link dev.riffcode.llm.ChatResult} out, with the answer streamed to
 * a callback as it arrives. {@link dev.riffcode.llm.OpenAiChatModel} implements it for any OpenAI-compatible endpoint
 * (OpenAI, Ollama, llama.cpp, vLLM, LM Studio), configured by {@link dev.riffcode.llm.LlmSettings}; every failure is an
 * {@link dev.riffcode.llm.LlmException} that says what happened and what to do. {@link dev.riffcode.llm.CodeExtractor}
 * pulls the Python script out of an answer.
 */
package dev.riffcode.llm;

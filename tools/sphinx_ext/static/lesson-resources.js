// Create the Bilibili player only when the reader asks for it: no third-party request on load.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.aiinfra-play");
  if (!button) return;
  const holder = button.nextElementSibling;
  if (!holder.firstChild) {
    const frame = document.createElement("iframe");
    frame.src = "https://player.bilibili.com/player.html?bvid=" + encodeURIComponent(button.dataset.bvid) + "&autoplay=0";
    frame.title = "Bilibili 视频播放器";
    frame.allowFullscreen = true;
    frame.loading = "lazy";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    holder.appendChild(frame);
  }
  const open = holder.hidden;
  holder.hidden = !open;
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? "收起播放器" : "在本页播放";
});

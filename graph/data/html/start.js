// diplograph network page: draw the first view, after every part has been wired.
window.diplograph.start();
